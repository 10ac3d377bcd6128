import type { GuidanceStep } from './guidance.policy';
import type { GuidanceAnswer } from './guidance.service';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export const ALREADY_VERIFIED = 'Already verified — you will not be asked';

function stepHtml(step: GuidanceStep): string {
  switch (step.kind) {
    case 'MVV':
      return `<li class="step" data-step="MVV"><h2>Entry visa (MVV): ${step.required ? 'needed' : 'not needed'}</h2><p>${escapeHtml(step.why)}</p>${
        step.deadlines.length > 0 ? `<ul class="deadlines">${step.deadlines.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>` : ''
      }</li>`;
    case 'TWV':
      return `<li class="step" data-step="TWV"><h2>Work permit (TWV): ${step.required ? 'needed' : 'not needed'}</h2><p>${escapeHtml(step.why)}</p></li>`;
    case 'EVIDENCE':
      return `<li class="step" data-step="EVIDENCE" data-evidence-type="${escapeHtml(step.evidenceType)}" data-verified="${step.alreadyVerified}"><h2>${escapeHtml(
        step.evidenceType.replace(/_/g, ' ').toLowerCase(),
      )} from ${escapeHtml(step.issuer)}</h2>${
        step.alreadyVerified
          ? `<p class="verified"><strong>${ALREADY_VERIFIED}</strong></p>`
          : '<p class="to-come">The IND asks the source for it; you are not asked for documents.</p>'
      }<div class="preview"><p>Shared with <strong>${escapeHtml(step.preview.sharedWith)}</strong> for <code>${escapeHtml(step.preview.purpose)}</code>: ${step.preview.fields
        .map((f) => `<code>${escapeHtml(f)}</code>`)
        .join(', ')}.</p><p>Why: ${escapeHtml(step.preview.why)}</p></div></li>`;
    case 'DECISION':
      return `<li class="step" data-step="DECISION"><h2>IND decision within ${step.statutoryDays} days</h2><p>${escapeHtml(step.why)}</p></li>`;
  }
}

/** The guidance as a small self-contained page (no scripts, no external resources). */
export function renderGuidancePage(answer: GuidanceAnswer, title: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto}.verified{color:#0a6b2d}.preview{background:#f3f3f3;padding:.5rem}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>Guidance for ${escapeHtml(answer.on)} (${escapeHtml(answer.guidanceVersion)}, decision periods ${escapeHtml(answer.decisionPeriodVersion)}).</p>
<ol class="steps">${answer.steps.map(stepHtml).join('')}</ol></body></html>`;
}
