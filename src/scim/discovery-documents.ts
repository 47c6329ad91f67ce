import type { JsonObject } from './json.js';
import type {
  AttributeDefinition,
  SchemaDefinition,
} from './schema/attribute-definition.js';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from './schema/enterprise-user-schema.js';
import {
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from './schema/schema-urns.js';
import { USER_SCHEMA_DEFINITION } from './schema/user-schema.js';

export interface DiscoveryOptions {
  /** The SCIM base URL clients use, e.g. https://ferry.example.com/scim/v2. */
  readonly baseUrl: string;
  /** The most resources one page returns. */
  readonly maxPageSize: number;
}

/** The schemas Ferry serves, in the order /Schemas lists them. */
export const SUPPORTED_SCHEMAS: readonly SchemaDefinition[] = [
  USER_SCHEMA_DEFINITION,
  ENTERPRISE_USER_SCHEMA_DEFINITION,
];

/**
 * RFC 7643 §5, stating exactly what Ferry does: PATCH, filters and weak
 * ETags yes; bulk, sorting and password changes no; bearer tokens only.
 */
export function serviceProviderConfig(options: DiscoveryOptions): JsonObject {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: options.maxPageSize },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'A token made with "ferry tokens create", sent as ' +
          '"Authorization: Bearer <token>".',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${options.baseUrl}/ServiceProviderConfig`,
    },
  };
}

/** RFC 7643 §6: Ferry serves one resource type, User. */
export function userResourceType(options: DiscoveryOptions): JsonObject {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: USER_SCHEMA,
    schemaExtensions: [
      { schema: ENTERPRISE_USER_SCHEMA_DEFINITION.id, required: false },
    ],
    meta: {
      resourceType: 'ResourceType',
      location: `${options.baseUrl}/ResourceTypes/User`,
    },
  };
}

/** RFC 7643 §7, built from the definitions that also drive validation. */
export function schemaDocument(
  schema: SchemaDefinition,
  options: DiscoveryOptions,
): JsonObject {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(describeAttribute),
    meta: {
      resourceType: 'Schema',
      location: `${options.baseUrl}/Schemas/${schema.id}`,
    },
  };
}

/** Matched without regard to case, as clients vary the URN's case. */
export function findSupportedSchema(id: string): SchemaDefinition | undefined {
  const wanted = id.toLowerCase();
  return SUPPORTED_SCHEMAS.find((schema) => schema.id.toLowerCase() === wanted);
}

function describeAttribute(attribute: AttributeDefinition): JsonObject {
  return {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    description: attribute.description,
    required: attribute.required,
    caseExact: attribute.caseExact,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
    ...(attribute.canonicalValues
      ? { canonicalValues: [...attribute.canonicalValues] }
      : {}),
    ...(attribute.referenceTypes
      ? { referenceTypes: [...attribute.referenceTypes] }
      : {}),
    ...(attribute.subAttributes
      ? { subAttributes: attribute.subAttributes.map(describeAttribute) }
      : {}),
  };
}
