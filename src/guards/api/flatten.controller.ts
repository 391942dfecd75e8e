import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { ParseIdPipe } from '../../platform/http/parse-id.pipe';
import { FlattenSelection, KillSwitch } from '../application/kill-switch.service';
import { FlattenAccountRequestDto, FlattenAccountsRequestDto } from './dto/flatten.request.dto';
import { FlattenListResponseDto, FlattenOutcomeDto } from './dto/flatten.response.dto';
import { toFlattenDto, toFlattenListDto } from './kill-switch.presenter';
import { requireAdmin } from './require-admin';

/**
 * The kill switch's "close everything" (issue 16): cancels the working orders and closes the positions of one
 * account, or of a selection, at their platforms. A platform failure is an outcome (FAILED with the reason,
 * still a 200), never an error. It does not halt: entries keep coming unless a halt is set too.
 */
@ApiTags('kill switch')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@ApiForbiddenResponse({ description: 'needs the admin role' })
@ApiBadRequestResponse({ description: 'bad body: every problem named' })
@Controller('api/accounts')
export class FlattenController {
  constructor(private readonly killSwitch: KillSwitch) {}

  @Post('flatten')
  @HttpCode(200)
  @ApiOkResponse({
    type: FlattenListResponseDto,
    description: 'one outcome per account selected (disabled ones too), in id order',
  })
  @ApiNotFoundResponse({ description: 'the tag or firm selects no account' })
  async flattenMany(
    @Body() body: FlattenAccountsRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<FlattenListResponseDto> {
    requireAdmin(user, 'Flattening accounts');
    const selection: FlattenSelection =
      body.firm_code !== undefined
        ? { firmCode: body.firm_code }
        : body.tag !== undefined
          ? { tag: body.tag }
          : { all: true };
    return toFlattenListDto(await this.killSwitch.flattenSelection(selection, body.reason, user.username));
  }

  @Post(':id/flatten')
  @HttpCode(200)
  @ApiOkResponse({
    type: FlattenOutcomeDto,
    description: 'the outcome (FLAT, ALREADY_FLAT, DRY_RUN or FAILED)',
  })
  @ApiNotFoundResponse({ description: 'no such account' })
  async flattenOne(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: FlattenAccountRequestDto,
    @CurrentUser() user: Principal,
  ): Promise<FlattenOutcomeDto> {
    requireAdmin(user, 'Flattening accounts');
    return toFlattenDto(await this.killSwitch.flattenAccount(id, body.reason, user.username));
  }
}
