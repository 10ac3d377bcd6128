import { fromTimestamp, toOptionalTimestamp, toTimestamp } from './timestamp.mapper';

describe('timestamp mapper', () => {
  it('turns a Date into a Timestamp and back at millisecond precision', () => {
    const instant = new Date('2026-06-12T10:11:12.345Z');
    expect(toTimestamp(instant)).toEqual({ seconds: String(Math.floor(instant.getTime() / 1000)), nanos: 345_000_000 });
    expect(fromTimestamp(toTimestamp(instant))).toEqual(instant);
    expect(toOptionalTimestamp(null)).toBeUndefined();
  });

  it('says a timestamp is absent, not invalid, when there is none', () => {
    expect(fromTimestamp(undefined)).toBeUndefined();
    expect(fromTimestamp(null)).toBeUndefined();
  });

  it('calls a timestamp outside the protobuf range or with bad parts invalid instead of guessing', () => {
    expect(fromTimestamp({ seconds: '-1', nanos: 0 })).toBe('invalid');
    expect(fromTimestamp({ seconds: '253402300800', nanos: 0 })).toBe('invalid'); // after 9999-12-31T23:59:59Z
    expect(fromTimestamp({ seconds: '12.5', nanos: 0 })).toBe('invalid');
    expect(fromTimestamp({ seconds: '1', nanos: 1_000_000_000 })).toBe('invalid');
    expect(fromTimestamp({ seconds: '1', nanos: -1 })).toBe('invalid');
    expect(fromTimestamp({ seconds: '253402300799', nanos: 999_999_999 })).toEqual(new Date('9999-12-31T23:59:59.999Z'));
  });
});
