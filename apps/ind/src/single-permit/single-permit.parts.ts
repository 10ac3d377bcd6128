import { LabourMarketAdviceEntity } from './labour-market-advice.entity';
import { LabourMarketAdviceEventConsumer } from './labour-market-advice.event-consumer';
import { LabourMarketAdviceGrpcController } from './labour-market-advice.grpc-controller';
import { LabourMarketAdviceRepository } from './labour-market-advice.repository';
import { LabourMarketAdviceService } from './labour-market-advice.service';

/** The single-permit (GVVA) feature as IndModule mounts it: kept in one place so the module's edit stays one line each. */
export const SINGLE_PERMIT_ENTITIES = [LabourMarketAdviceEntity];
export const SINGLE_PERMIT_CONTROLLERS = [LabourMarketAdviceGrpcController, LabourMarketAdviceEventConsumer];
export const SINGLE_PERMIT_PROVIDERS = [LabourMarketAdviceRepository, LabourMarketAdviceService];
