import { APPLICATION_INTAKE_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import type { ApplicationIntakeServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { InternationalOfficeServiceClient } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { type OtlpTraceReceiver, type ReceivedSpan, startOtlpTraceReceiver } from '@welkom/testing';
import { call, type Chain, startChain, until } from './chain-harness';
import { leidenStudentFiling, leidenStudentProofs } from './leiden-student';

jest.setTimeout(300_000);

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * Issue 16, tracing: the services export spans over OTLP (the standard `OTEL_*` settings) to a collector in this
 * process, and one filing can be followed as one trace from the university's back office through the IND and the
 * hub, over Kafka to the services that react to the IND's decision.
 */
describe('one trace across the chain', () => {
  let receiver: OtlpTraceReceiver;
  let chain: Chain;
  let trace: ReceivedSpan[] = [];

  beforeAll(async () => {
    receiver = await startOtlpTraceReceiver();
    chain = await startChain({
      label: 'tracing',
      rvo: {},
      allEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' },
    });
    const office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    const ind = chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, 'ind');
    const subject = { passport: { number: 'T0000001', issuingCountry: 'US' } };
    const proofs = leidenStudentProofs('TRACE-1', subject);
    await call(office.pushEvidenceBatch({ items: proofs }));
    // The office's push reaches the hub in the background. A filing that asks before the proofs are there waits for
    // them, and the decision then belongs to the trace of the proofs' arrival, not the filing's: the path this spec
    // follows is the one where the hub already holds them.
    await until('the pushed proofs issued at the hub', async () =>
      receiver.spans.filter((span) => span.service === 'hub' && span.name.endsWith('/IssueEvidence')).length >= proofs.length
        ? true
        : undefined,
    );
    await call(office.fileApplication(leidenStudentFiling('TRACE-1', subject)));
    await until('the case at PERMIT_ISSUED', async () => {
      const { applications } = await call(ind.listApplications({ pageSize: 500, pageToken: '' }));
      return applications.find((application) => application.sponsorReference === 'TRACE-1')?.status ===
        ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED
        ? true
        : undefined;
    });
    // The filing's trace: the one whose root is the office's FileApplication at the university.
    trace = await until(
      'the filing trace reaching RVO over Kafka',
      async () => {
        const root = receiver.spans.find(
          (span) => span.service === 'university' && span.name.endsWith('/FileApplication') && span.parentSpanId === '',
        );
        const spans = root ? receiver.spans.filter((span) => span.traceId === root.traceId) : [];
        if (!spans.some((span) => span.service === 'rvo' && span.kind === CONSUMER)) {
          const seen = [...new Set(receiver.spans.map((span) => `${span.service}:${span.name}`))].join(', ');
          throw new Error(
            `the filing trace has ${spans.map((span) => `${span.service}:${span.name}`).join(', ') || 'no spans'}; seen: ${seen}`,
          );
        }
        // Spans arrive as each service's batch is flushed: wait until every parent has come in too, or say which not.
        const ids = new Set(spans.map((span) => span.spanId));
        const orphans = spans.filter((span) => span.parentSpanId !== '' && !ids.has(span.parentSpanId));
        if (orphans.length > 0)
          throw new Error(`spans whose parent never arrived: ${orphans.map((span) => `${span.service}:${span.name}`).join(', ')}`);
        return spans;
      },
      180_000,
    );
  });

  afterAll(async () => {
    await chain?.stop();
    await receiver?.close();
  });

  it('follows the filing through at least four services in one trace', () => {
    const services = [...new Set(trace.map((span) => span.service))].sort();
    console.log(`filing trace: ${trace.length} spans over ${services.join(', ')}`);
    expect(services).toEqual(expect.arrayContaining(['hub', 'ind', 'rvo', 'university']));
    // The IND's intake answered the university inside the trace, and the hub answered the IND's evidence request.
    expect(trace.some((span) => span.service === 'ind' && span.kind === SERVER && span.name.endsWith('/FileApplication'))).toBe(true);
    expect(trace.some((span) => span.service === 'hub' && span.kind === SERVER && span.name.startsWith('welkom.hub.'))).toBe(true);
  });

  it('crosses Kafka: a consumer span in another service is the child of the IND producer span', () => {
    const producers = new Map(trace.filter((span) => span.kind === PRODUCER && span.service === 'ind').map((span) => [span.spanId, span]));
    const hops = trace.filter((span) => span.kind === CONSUMER && span.service !== 'ind' && producers.has(span.parentSpanId));
    expect(hops.map((span) => span.service)).toEqual(expect.arrayContaining(['rvo']));
    expect(hops.every((span) => span.name === `process ${producers.get(span.parentSpanId)?.name.replace(/^send /, '')}`)).toBe(true);
  });
});
