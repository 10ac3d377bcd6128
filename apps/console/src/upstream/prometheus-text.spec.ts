import { parsePrometheusText, sumOf } from './prometheus-text';

const PAGE = `# HELP welkom_hub_documents_not_asked_again_total Evidence a requester received through the hub.
# TYPE welkom_hub_documents_not_asked_again_total counter
welkom_hub_documents_not_asked_again_total{evidence_type="ENROLMENT_PROOF",answered_from="vault"} 3
welkom_hub_documents_not_asked_again_total{evidence_type="ENROLMENT_PROOF",answered_from="source"} 2
welkom_hub_documents_not_asked_again_total{evidence_type="TUITION_PAYMENT_STATUS",answered_from="vault"} 4
process_cpu_seconds_total 1.5
odd_label{reason="say \\"no\\""} 1
not a sample line
`;

describe('parsePrometheusText', () => {
  const samples = parsePrometheusText(PAGE);

  it('reads names, labels and values and skips comments and lines it cannot read', () => {
    expect(samples).toHaveLength(5);
    expect(samples[0]).toEqual({
      name: 'welkom_hub_documents_not_asked_again_total',
      labels: { evidence_type: 'ENROLMENT_PROOF', answered_from: 'vault' },
      value: 3,
    });
    expect(samples[3]).toEqual({ name: 'process_cpu_seconds_total', labels: {}, value: 1.5 });
    expect(samples[4].labels.reason).toBe('say "no"');
  });

  it('sums a metric over the samples whose labels match', () => {
    expect(sumOf(samples, 'welkom_hub_documents_not_asked_again_total')).toBe(9);
    expect(sumOf(samples, 'welkom_hub_documents_not_asked_again_total', { answered_from: 'vault' })).toBe(7);
    expect(
      sumOf(samples, 'welkom_hub_documents_not_asked_again_total', { evidence_type: 'ENROLMENT_PROOF', answered_from: 'source' }),
    ).toBe(2);
    expect(sumOf(samples, 'absent_metric')).toBe(0);
  });
});
