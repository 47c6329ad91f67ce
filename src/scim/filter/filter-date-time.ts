// xsd:dateTime as RFC 7643 §2.3.5 requires, e.g. 2011-05-13T04:42:34Z.
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Milliseconds since the epoch for an RFC 7643 §2.3.5 dateTime, or
 * undefined when the text is not one. xsd:dateTime allows omitting the
 * zone; such a value is read as UTC, the zone Ferry stores.
 */
export function parseDateTime(text: string): number | undefined {
  const upper = text.toUpperCase();
  const match = DATE_TIME.exec(upper);
  if (!match) return undefined;
  const milliseconds = Date.parse(match[1] === undefined ? `${upper}Z` : upper);
  return Number.isNaN(milliseconds) ? undefined : milliseconds;
}
