/** The current time; injected so tests can hold it still or move it on. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
