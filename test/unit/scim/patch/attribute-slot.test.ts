import { describe, expect, it } from 'vitest';

import type { JsonObject } from '../../../../src/scim/json.js';
import {
  readSlot,
  readValues,
  writeSlot,
} from '../../../../src/scim/patch/attribute-slot.js';
import {
  resolveAttributePath,
  type AttributePath,
} from '../../../../src/scim/schema/attribute-path.js';
import { ENTERPRISE, USER } from './user-fixture.js';

function path(text: string): AttributePath {
  const resolved = resolveAttributePath(text);
  if (!resolved) throw new Error(`${text} names no attribute`);
  return resolved;
}

describe('attribute slots', () => {
  it('reads core attributes at the top level and extension ones under the URN key', () => {
    const resource: JsonObject = {
      userName: 'bjensen',
      [ENTERPRISE]: { department: 'Sales' },
    };
    expect(readSlot(resource, path('userName'))).toBe('bjensen');
    expect(readSlot(resource, path(`${USER}:userName`))).toBe('bjensen');
    expect(readSlot(resource, path(`${ENTERPRISE}:department`))).toBe('Sales');
    expect(
      readSlot(resource, path(`${ENTERPRISE}:costCenter`)),
    ).toBeUndefined();
    expect(readValues(resource, path('emails'))).toEqual([]);
  });

  it('writes into a new extension object and removes it once empty', () => {
    const resource: JsonObject = { userName: 'bjensen' };
    writeSlot(resource, path(`${ENTERPRISE}:division`), 'Theme Park');
    expect(resource).toEqual({
      userName: 'bjensen',
      [ENTERPRISE]: { division: 'Theme Park' },
    });
    writeSlot(resource, path(`${ENTERPRISE}:division`), undefined);
    expect(resource).toEqual({ userName: 'bjensen' });
  });

  it('unassigns on null, an empty list, an empty object, or a list of empty values', () => {
    const resource: JsonObject = { nickName: 'Babs', emails: [{ value: 'a' }] };
    writeSlot(resource, path('nickName'), null);
    writeSlot(resource, path('emails'), [{}, null]);
    writeSlot(resource, path('name'), {});
    expect(resource).toEqual({});
  });
});
