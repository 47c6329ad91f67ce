import {
  defineAttribute as attr,
  type SchemaDefinition,
} from './attribute-definition.js';
import { ENTERPRISE_USER_SCHEMA } from './schema-urns.js';

/** The enterprise User extension, RFC 7643 §4.3 and §8.7.1. */
export const ENTERPRISE_USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'string'),
    attr('costCenter', 'string'),
    attr('organization', 'string'),
    attr('division', 'string'),
    attr('department', 'string'),
    attr('manager', 'complex', {
      subAttributes: [
        attr('value', 'string', { description: 'The id of the manager.' }),
        attr('$ref', 'reference', { referenceTypes: ['User'] }),
        attr('displayName', 'string', { mutability: 'readOnly' }),
      ],
    }),
  ],
};
