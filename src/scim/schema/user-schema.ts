import {
  defineAttribute as attr,
  type AttributeDefinition,
  type SchemaDefinition,
} from './attribute-definition.js';
import { USER_SCHEMA } from './schema-urns.js';

/** The sub-attributes every multi-valued attribute shares (RFC 7643 §2.4). */
function multiValuedSubAttributes(
  valueType: 'string' | 'reference' | 'binary',
  types: readonly string[],
  extra: readonly AttributeDefinition[] = [],
): AttributeDefinition[] {
  const value =
    valueType === 'reference'
      ? attr('value', 'reference', { referenceTypes: ['external'] })
      : attr('value', valueType);
  return [
    value,
    attr('display', 'string'),
    attr('type', 'string', { canonicalValues: types }),
    attr('primary', 'boolean'),
    ...extra,
  ];
}

function multiValued(
  name: string,
  subAttributes: AttributeDefinition[],
  description: string,
): AttributeDefinition {
  return attr(name, 'complex', {
    multiValued: true,
    subAttributes,
    description,
  });
}

const name = attr('name', 'complex', {
  description: "The components of the user's name.",
  subAttributes: [
    attr('formatted', 'string'),
    attr('familyName', 'string'),
    attr('givenName', 'string'),
    attr('middleName', 'string'),
    attr('honorificPrefix', 'string'),
    attr('honorificSuffix', 'string'),
  ],
});

const addresses = multiValued(
  'addresses',
  [
    attr('formatted', 'string'),
    attr('streetAddress', 'string'),
    attr('locality', 'string'),
    attr('region', 'string'),
    attr('postalCode', 'string'),
    attr('country', 'string'),
    attr('type', 'string', { canonicalValues: ['work', 'home', 'other'] }),
    attr('primary', 'boolean'),
  ],
  'A physical mailing address for this user.',
);

// RFC 7643 §4.1.2: group membership is managed through the Group resource,
// so it is read-only here. Ferry has no Group resource and returns [].
const groups = attr('groups', 'complex', {
  multiValued: true,
  mutability: 'readOnly',
  description: 'Groups the user belongs to (read-only).',
  subAttributes: [
    attr('value', 'string', { mutability: 'readOnly' }),
    attr('$ref', 'reference', {
      mutability: 'readOnly',
      referenceTypes: ['User', 'Group'],
    }),
    attr('display', 'string', { mutability: 'readOnly' }),
    attr('type', 'string', {
      mutability: 'readOnly',
      canonicalValues: ['direct', 'indirect'],
    }),
  ],
});

/** The core User schema, RFC 7643 §4.1 and §8.7.1. */
export const USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr('userName', 'string', {
      required: true,
      uniqueness: 'server',
      returned: 'always',
      description: 'Unique identifier, matched case-insensitively.',
    }),
    name,
    attr('displayName', 'string'),
    attr('nickName', 'string'),
    attr('profileUrl', 'reference', { referenceTypes: ['external'] }),
    attr('title', 'string'),
    attr('userType', 'string'),
    attr('preferredLanguage', 'string'),
    attr('locale', 'string'),
    attr('timezone', 'string'),
    attr('active', 'boolean'),
    attr('password', 'string', {
      mutability: 'writeOnly',
      returned: 'never',
      description: 'Accepted and discarded: Ferry never stores a password.',
    }),
    multiValued(
      'emails',
      multiValuedSubAttributes('string', ['work', 'home', 'other']),
      'Email addresses for the user.',
    ),
    multiValued(
      'phoneNumbers',
      multiValuedSubAttributes('string', [
        'work',
        'home',
        'mobile',
        'fax',
        'pager',
        'other',
      ]),
      'Phone numbers for the user.',
    ),
    multiValued(
      'ims',
      multiValuedSubAttributes('string', [
        'aim',
        'gtalk',
        'icq',
        'xmpp',
        'msn',
        'skype',
        'qq',
        'yahoo',
      ]),
      'Instant messaging addresses for the user.',
    ),
    multiValued(
      'photos',
      multiValuedSubAttributes('reference', ['photo', 'thumbnail']),
      'URLs of images of the user.',
    ),
    addresses,
    groups,
    multiValued(
      'entitlements',
      multiValuedSubAttributes('string', []),
      'Entitlements of the user.',
    ),
    multiValued(
      'roles',
      multiValuedSubAttributes('string', []),
      'Roles of the user.',
    ),
    multiValued(
      'x509Certificates',
      multiValuedSubAttributes('binary', []),
      'DER-encoded X.509 certificates, base64.',
    ),
  ],
};
