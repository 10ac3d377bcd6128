// Specs on the real broker, database and sockets boot services and wait for events: jest's default 5 s per test
// or hook measures the machine's load, not the code. Specs that need longer still set their own.
jest.setTimeout(120_000);
