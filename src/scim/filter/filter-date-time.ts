// xsd:dateTime as RFC 7643 §2.3.5 requires, e.g. 2011-05-13T04:42:34Z.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))?$/;

/**
 * Milliseconds since the epoch for an RFC 7643 §2.3.5 dateTime, or
 * undefined when the text is not one. xsd:dateTime allows omitting the
 * zone; such a value is read as UTC, the zone Ferry stores.
 *
 * Read by hand rather than with Date.parse, which rolls 30 February over
 * into March and misreads fractions of ten or more digits. The fraction is
 * kept below the millisecond (as a fractional number of milliseconds), so
 * `…13.0574Z` sorts after a stored `…13.057Z`, as clients sending seven
 * digits expect.
 */
export function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text.toUpperCase());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map(Number) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  const wholeSeconds = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(wholeSeconds);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  const fractionMs = match[7] ? Number(`0.${match[7]}`) * 1000 : 0;
  return wholeSeconds + fractionMs - zoneOffsetMs(match);
}

function zoneOffsetMs(match: RegExpExecArray): number {
  const [sign, hours, minutes] = [match[9], match[10], match[11]];
  if (sign === undefined) return 0;
  const offset = (Number(hours) * 60 + Number(minutes)) * 60_000;
  return sign === '-' ? -offset : offset;
}
