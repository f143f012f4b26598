import { Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { ErrorCode } from '../../core/errors/error-code';
import { ApiEnvelope } from '../../core/http/api-envelope.decorator';
import { ADMIN_AUTH_ERRORS, adminNote, EXAMPLE_BINDING } from './admin-api-docs';
import { AdminController } from './admin-controller.decorator';
import { AppLifecycleService } from './app-lifecycle.service';
import { DeletedAppDto, RotatedSecretDto } from './dto/app-lifecycle.dto';
import { BindingListDto } from './dto/binding.dto';
import { DeleteAppQuery } from './dto/delete-app.query';

const APP_NOT_FOUND = '20000: no app has this alias id; ';

/** An app's bindings, its deletion and secret rotation (docs/api.md#admin-api). */
@AdminController('workflow/v1/admin/apps')
export class AdminAppLifecycleController {
  constructor(private readonly lifecycle: AppLifecycleService) {}

  @Get(':alias_id/bindings')
  @ApiOperation({ summary: 'The flows an app is bound to (licences), oldest first' })
  @ApiParam({ name: 'alias_id', example: 'caller-app' })
  @ApiEnvelope({
    data: { items: [EXAMPLE_BINDING], total: 1 },
    errors: [...ADMIN_AUTH_ERRORS, ErrorCode.APP_NOT_FOUND_ERROR],
    note: adminNote(APP_NOT_FOUND),
  })
  bindings(@Param('alias_id') aliasId: string): Promise<BindingListDto> {
    return this.lifecycle.bindings(aliasId);
  }

  @Delete(':alias_id')
  @ApiOperation({
    summary: 'Delete an app',
    description:
      'Refused with 20012 while the app is bound to flows, unless `force=true`, which deletes ' +
      'its bindings in the same transaction. The app stops working on this instance at once ' +
      '(its cached entry is dropped). Flows the app owns are kept.',
  })
  @ApiParam({ name: 'alias_id', example: 'tenant-demo' })
  @ApiEnvelope({
    data: { alias_id: 'tenant-demo', id: '7381234567890125555', bindings_deleted: 2 },
    errors: [
      ...ADMIN_AUTH_ERRORS,
      ErrorCode.PARAM_ERROR,
      ErrorCode.APP_NOT_FOUND_ERROR,
      ErrorCode.APP_HAS_BINDINGS_ERROR,
    ],
    note: adminNote(`${APP_NOT_FOUND}20012: the app still has bindings (count in the detail); `),
  })
  delete(
    @Param('alias_id') aliasId: string,
    @Query() query: DeleteAppQuery,
  ): Promise<DeletedAppDto> {
    return this.lifecycle.delete(aliasId, query.force ?? false);
  }

  @Post(':alias_id/secret')
  @HttpCode(200)
  @ApiOperation({
    summary: "Rotate an app's api_secret",
    description:
      'Stores a new random api_secret and answers it, this once. The api_key stays. The old ' +
      'secret stops working at once on this instance (signature checks read the database; ' +
      'the cached app is dropped, so runs inject the new credentials).',
  })
  @ApiParam({ name: 'alias_id', example: 'tenant-demo' })
  @ApiEnvelope({
    data: {
      alias_id: 'tenant-demo',
      api_key: 'key-123',
      api_secret: 'Jb1yV4mM0y2qf9d3kQm1xT7sPzA8nW5c',
    },
    errors: [...ADMIN_AUTH_ERRORS, ErrorCode.APP_NOT_FOUND_ERROR],
    note: adminNote(APP_NOT_FOUND),
  })
  rotateSecret(@Param('alias_id') aliasId: string): Promise<RotatedSecretDto> {
    return this.lifecycle.rotateSecret(aliasId);
  }
}
