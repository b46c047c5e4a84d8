import { uuidv7 } from 'uuidv7';

/** RFC 9562 version 7 UUID: 48-bit Unix-ms timestamp, version 7, variant 10, random tail; sorts by creation time. */
export const newId = (): string => uuidv7();

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/** The creation time encoded in a version 7 UUID. */
export const timestampOfUuidV7 = (id: string): Date =>
  new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16));
