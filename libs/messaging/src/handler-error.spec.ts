import { DomainError } from '@welkom/errors';
import { classifyHandlerFailure } from './handler-error';

const withCode = (message: string, code: string | number, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });

describe('classifyHandlerFailure', () => {
  it.each([
    ['a business rule', new DomainError('FAILED_PRECONDITION', 'case closed')],
    ['bad input', new DomainError('INVALID_ARGUMENT', 'no such country')],
    ['data the database refuses', withCode('value too long for type character(10)', '22001')],
    ['a duplicate the database refuses', withCode('duplicate key value violates unique constraint', '23505')],
  ])('dead-letters %s at once', (_, error) => {
    expect(classifyHandlerFailure(error)).toBe('REJECTED');
  });

  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a connection cut by the administrator', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting up', withCode('the database system is starting up', '57P03')],
    ['a connection exception', withCode('connection failure', '08006')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['a database closed to connections', withCode('database "welkom_ind" is not currently accepting connections', '55000')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a driver error wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: withCode('reset', 'ECONNRESET') })],
    ['a driver error kept as the cause', new Error('could not save', { cause: withCode('terminating connection', '57P01') })],
    ['a hub that cannot be reached', new DomainError('UNAVAILABLE', 'hub unreachable')],
    ['a remote call that timed out', new DomainError('DEADLINE_EXCEEDED', 'no answer in time')],
    ['a raw gRPC UNAVAILABLE', withCode('14 UNAVAILABLE: No connection established', 14, { details: 'No connection established' })],
  ])('waits out %s', (_, error) => {
    expect(classifyHandlerFailure(error)).toBe('OUTAGE');
  });

  it.each([
    ['a deadlock', withCode('deadlock detected', '40P01')],
    ['a lock timeout', withCode('could not obtain lock on row', '55P03')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'oin')")],
    ['something thrown that is not an error', 'boom'],
  ])('retries %s a bounded number of times', (_, error) => {
    expect(classifyHandlerFailure(error)).toBe('TRANSIENT');
  });
});
