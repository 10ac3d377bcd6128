import { Injectable, Logger } from '@nestjs/common';
import { rejectionError } from '@welkom/grpc';
import { ClockRepository, exponentialBackoff } from '@welkom/platform';
import { IndIntakeRepository } from '../ind-connection/ind-intake.repository';
import { UniversityError } from '../university.errors';
import type { FileApplicationCommand } from './application-filing.command';
import type { SponsoredApplicationChanges, SponsoredApplicationRecord, SponsoredApplicationView } from './sponsored-application';
import { SponsoredApplicationRepository } from './sponsored-application.repository';

/** Delivery is retried with growing pauses: 1 s, 2 s, 4 s … at most a minute. */
const RETRY_BACKOFF = { baseMs: 1_000, ceilingMs: 60_000 };

export interface FilingResult {
  view: SponsoredApplicationView;
  alreadyFiled: boolean;
}

/**
 * Files applications with the IND as recognised sponsor. The application is stored first and then delivered;
 * when the IND cannot be reached it stays QUEUED and the delivery worker tries again, so nothing the office
 * filed is lost while the IND restarts. The IND registers a sponsor reference once, so delivering twice
 * (a retry after a lost answer) files nothing twice.
 */
@Injectable()
export class ApplicationFilingService {
  private readonly logger = new Logger(ApplicationFilingService.name);

  constructor(
    private readonly applications: SponsoredApplicationRepository,
    private readonly ind: IndIntakeRepository,
    private readonly clock: ClockRepository,
  ) {}

  async file(command: FileApplicationCommand): Promise<FilingResult> {
    const now = this.clock.now();
    const inserted = await this.applications.insert({
      applicationReference: command.applicationReference,
      requestFingerprint: command.fingerprint,
      category: command.category,
      applicant: command.applicant,
      citizenship: command.citizenship,
      intendedStayFrom: command.intendedStayFrom,
      intendedStayUntil: command.intendedStayUntil,
      deliveryState: 'QUEUED',
      deliveryProblem: null,
      deliveryAttempts: 0,
      nextDeliveryAt: null,
      indApplicationRef: null,
      subjectPseudonym: null,
      submittedOn: null,
      filedAt: now,
      deliveredAt: null,
    });
    const stored = await this.applications.find(command.applicationReference);
    if (!stored) throw new UniversityError('APPLICATION_NOT_FOUND', `Application ${command.applicationReference} vanished while filing`);
    if (!inserted && stored.requestFingerprint !== command.fingerprint) {
      throw new UniversityError(
        'APPLICATION_REFERENCE_CONFLICT',
        `Application ${command.applicationReference} was filed before with other content`,
        {
          fieldViolations: [{ field: 'application_reference', description: 'was filed before with other content; use a new reference' }],
        },
      );
    }
    const current = stored.deliveryState === 'QUEUED' ? await this.deliver(stored) : stored;
    return { view: await this.applications.view(current), alreadyFiled: !inserted };
  }

  async get(applicationReference: string): Promise<SponsoredApplicationView> {
    const application = await this.applications.find(applicationReference);
    if (!application) throw new UniversityError('APPLICATION_NOT_FOUND', `No application ${applicationReference}`);
    return this.applications.view(application);
  }

  async list({
    pageSize,
    after,
  }: {
    pageSize: number;
    after: string | null;
  }): Promise<{ views: SponsoredApplicationView[]; pageSize: number }> {
    const views = await this.applications.views(await this.applications.page(pageSize, after));
    return { views, pageSize };
  }

  /**
   * Withdraws an application the IND has, on the applicant's behalf. Unlike filing this is not queued: the
   * office needs to know now whether the IND accepted it (it refuses once it has decided).
   */
  async withdraw(applicationReference: string): Promise<SponsoredApplicationView> {
    const application = await this.applications.find(applicationReference);
    if (!application) throw new UniversityError('APPLICATION_NOT_FOUND', `No application ${applicationReference}`);
    if (!application.indApplicationRef) {
      throw new UniversityError('APPLICATION_NOT_DELIVERED', `Application ${applicationReference} is not with the IND yet`);
    }
    const answer = await this.ind.withdraw(application.indApplicationRef);
    if (answer.kind === 'rejected') throw rejectionError(answer.rejection);
    if (answer.kind === 'unreachable') throw new UniversityError('IND_UNAVAILABLE', `The IND could not be reached: ${answer.problem}`);
    return this.applications.view(application);
  }

  /** One delivery attempt; the stored application afterwards. */
  async deliver(application: SponsoredApplicationRecord): Promise<SponsoredApplicationRecord> {
    if (!application.applicant) return application;
    const answer = await this.ind.file({
      sponsorReference: application.applicationReference,
      category: application.category,
      applicant: application.applicant,
      citizenship: application.citizenship,
      intendedStayFrom: application.intendedStayFrom,
      intendedStayUntil: application.intendedStayUntil,
      // The university names no collection point (proto3 default ''): the student chooses it at the IND desk.
      collectionPoint: '',
      // Universities file study and research; the knowledge-migrant details are for employers.
      knowledgeMigrant: undefined,
      arrival: undefined,
      familyMember: undefined,
    });
    const now = this.clock.now();
    let changes: SponsoredApplicationChanges;
    switch (answer.kind) {
      case 'filed':
        changes = {
          deliveryState: 'DELIVERED',
          deliveryProblem: null,
          indApplicationRef: answer.application.applicationRef,
          // Absent from a filing receipt: the IND's status events bring it (notePseudonym, and below).
          ...(answer.application.subjectPseudonym !== null ? { subjectPseudonym: answer.application.subjectPseudonym } : {}),
          submittedOn: answer.application.submittedOn,
          deliveredAt: now,
          nextDeliveryAt: null,
          // The IND holds the identifier now; the connector keeps only the IND's case id and pseudonym.
          applicant: null,
        };
        break;
      case 'rejected':
        changes = {
          deliveryState: 'REJECTED',
          deliveryProblem: `${answer.rejection.reason}: ${answer.rejection.message}`,
          nextDeliveryAt: null,
        };
        break;
      case 'unreachable': {
        const attempts = application.deliveryAttempts + 1;
        const delay = exponentialBackoff(attempts, RETRY_BACKOFF);
        this.logger.warn(`IND unreachable for ${application.applicationReference} (attempt ${attempts}): ${answer.problem}`);
        changes = { deliveryProblem: answer.problem, nextDeliveryAt: new Date(now.getTime() + delay) };
        break;
      }
    }
    const attempted: SponsoredApplicationChanges = { ...changes, deliveryAttempts: application.deliveryAttempts + 1 };
    await this.applications.update(application.applicationReference, attempted);
    if (answer.kind === 'filed' && answer.application.subjectPseudonym === null) {
      await this.applications.adoptPseudonymFromStatusHistory(answer.application.applicationRef);
      return (await this.applications.find(application.applicationReference)) ?? { ...application, ...attempted };
    }
    return { ...application, ...attempted };
  }
}
