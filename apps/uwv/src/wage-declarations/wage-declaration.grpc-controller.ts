import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { Payload } from '@nestjs/microservices';
import {
  type ImportWageDeclarationsRequest,
  type ImportWageDeclarationsResponse,
  type WageDeclarationServiceController,
  WageDeclarationServiceControllerMethods,
} from '@welkom/contracts/generated/welkom/uwv/v1/wage_declarations';
import { CallerOin, callerOinRequired } from '@welkom/grpc';
import { EmployerGuard } from '../employer.guard';
import { importWageDeclarationsCommand } from './wage-declaration.command';
import { toImportResponse } from './wage-declaration.mapper';
import { WageDeclarationService } from './wage-declaration.service';

/** Employers' payroll administrations send their wage declarations here, each with its own certificate. */
@Controller()
@UseGuards(EmployerGuard)
@WageDeclarationServiceControllerMethods()
export class WageDeclarationGrpcController implements WageDeclarationServiceController {
  constructor(private readonly declarations: WageDeclarationService) {}

  async importWageDeclarations(
    @Payload() request: ImportWageDeclarationsRequest,
    _metadata?: Metadata,
    @CallerOin() caller: string = callerOinRequired(),
  ): Promise<ImportWageDeclarationsResponse> {
    return toImportResponse(await this.declarations.import(caller, importWageDeclarationsCommand(request)));
  }
}
