import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime and stime in proc(5). */
export function clockTicksPerSecond(): number {
  const text = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(text.trim());
  if (!Number.isInteger(ticks) || ticks <= 0) {
    throw new Error(`getconf CLK_TCK printed "${text.trim()}", not a number`);
  }
  return ticks;
}

/**
 * User plus system CPU time a process has used so far, in clock ticks
 * (fields 14 and 15 of /proc/<pid>/stat, proc(5)). The command name in field
 * 2 may hold spaces and parentheses, so fields are counted after its last
 * closing parenthesis.
 */
export function readCpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // afterName[0] is field 3 (state), so field n is afterName[n - 3].
  const utime = Number(afterName[14 - 3]);
  const stime = Number(afterName[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`/proc/${pid}/stat has no utime/stime fields`);
  }
  return utime + stime;
}
