import { defineAttribute as attr } from './attribute-definition.js';

/**
 * Attributes every resource carries (RFC 7643 §3.1). They belong to no
 * schema, so /Schemas does not list them, but filters, sorting and
 * projection address them by their bare names.
 */
export const COMMON_ATTRIBUTES = [
  attr('id', 'string', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attr('externalId', 'string', { caseExact: true }),
  attr('meta', 'complex', {
    mutability: 'readOnly',
    subAttributes: [
      attr('resourceType', 'string', {
        caseExact: true,
        mutability: 'readOnly',
      }),
      attr('created', 'dateTime', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', { mutability: 'readOnly' }),
      attr('location', 'reference', {
        mutability: 'readOnly',
        referenceTypes: ['uri'],
      }),
      attr('version', 'string', { caseExact: true, mutability: 'readOnly' }),
    ],
  }),
] as const;
