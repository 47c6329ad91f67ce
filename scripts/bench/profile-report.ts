import type { ProfileSummary, TimeEntry } from './profile-summary.js';
import { SCENARIOS, type ScenarioName } from './scenarios.js';

/** The two profiles of one scenario and how many requests each served. */
export interface ScenarioProfiles {
  readonly scenario: ScenarioName;
  readonly ferry: ProfileSummary;
  readonly floor: ProfileSummary;
  readonly ferryRequests: number;
  readonly floorRequests: number;
}

/**
 * Per scenario: where Ferry's process spends its CPU per request (self time,
 * and inclusive time of its own functions), and, area by area, how much
 * more or less than the floor's process.
 */
export function formatProfileReport(
  profiles: readonly ScenarioProfiles[],
): string {
  return profiles.map(formatScenario).join('\n\n');
}

export function scenarioProfiles(
  summaries: Readonly<Record<string, ProfileSummary>>,
  responses: Readonly<Record<string, number>>,
): ScenarioProfiles[] {
  return SCENARIOS.flatMap((scenario) => {
    const ferry = summaries[`ferry-${scenario}`];
    const floor = summaries[`floor-${scenario}`];
    if (ferry === undefined || floor === undefined) return [];
    return [
      {
        scenario,
        ferry,
        floor,
        ferryRequests: responses[`ferry-${scenario}`] ?? 0,
        floorRequests: responses[`floor-${scenario}`] ?? 0,
      },
    ];
  });
}

function formatScenario(item: ScenarioProfiles): string {
  const ferryPer = perRequest(item.ferryRequests);
  const floorPer = perRequest(item.floorRequests);
  const share = (entry: TimeEntry) =>
    `${((entry.ms / item.ferry.busyMs) * 100).toFixed(1).padStart(5)}%`;
  const lines = [
    `== ${item.scenario}: node process CPU sampled per request: ` +
      `Ferry ${ferryPer(item.ferry.busyMs).toFixed(0)} µs, ` +
      `floor ${floorPer(item.floor.busyMs).toFixed(0)} µs`,
    '  Ferry, self time          µs/req  share',
    ...item.ferry.topSelf
      .slice(0, 12)
      .map((entry) => row(entry.name, ferryPer(entry.ms), share(entry))),
    "  Ferry's own functions, inclusive",
    ...item.ferry.topOwnInclusive
      .slice(0, 10)
      .map((entry) => row(entry.name, ferryPer(entry.ms), share(entry))),
    '  by area, µs/req: Ferry  floor  difference',
    ...areaDifferences(item, ferryPer, floorPer),
  ];
  return lines.join('\n');
}

function areaDifferences(
  item: ScenarioProfiles,
  ferryPer: (ms: number) => number,
  floorPer: (ms: number) => number,
): string[] {
  const floorAreas = new Map(
    item.floor.byArea.map((entry) => [entry.name, entry.ms]),
  );
  const names = new Set([
    ...item.ferry.byArea.map((entry) => entry.name),
    ...floorAreas.keys(),
  ]);
  const ferryAreas = new Map(
    item.ferry.byArea.map((entry) => [entry.name, entry.ms]),
  );
  return [...names]
    .map((name) => {
      const ferry = ferryPer(ferryAreas.get(name) ?? 0);
      const floor = floorPer(floorAreas.get(name) ?? 0);
      return { name, ferry, floor, difference: ferry - floor };
    })
    .sort((a, b) => b.difference - a.difference)
    .filter((area) => Math.abs(area.difference) >= 1)
    .slice(0, 14)
    .map(
      (area) =>
        `  ${area.ferry.toFixed(1).padStart(7)} ${area.floor
          .toFixed(1)
          .padStart(6)} ${signed(area.difference).padStart(7)}  ${area.name}`,
    );
}

function perRequest(requests: number): (ms: number) => number {
  return (ms) => (ms * 1000) / Math.max(1, requests);
}

function row(name: string, micros: number, share: string): string {
  return `  ${micros.toFixed(1).padStart(7)}  ${share}  ${name}`;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}
