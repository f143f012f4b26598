import { Body, Get, Param, Patch, Post, Query, HttpCode } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ErrorCode } from '../../core/errors/error-code';
import { ApiEnvelope } from '../../core/http/api-envelope.decorator';
import { ADMIN_AUTH_ERRORS, adminNote } from './admin-api-docs';
import { APP_ALIAS_TAKEN } from './admin-errors';
import { AdminController } from './admin-controller.decorator';
import { AppAdminService } from './app-admin.service';
import { AppListResponseDto, AppResponseDto } from './dto/app-response.dto';
import { CreateAppDto } from './dto/create-app.dto';
import { ListAppsQuery } from './dto/list-apps.query';
import { UpdateAppDto } from './dto/update-app.dto';

const EXAMPLE_APP: AppResponseDto = {
  id: '7381234567890123456',
  alias_id: 'tenant-demo',
  name: 'Demo tenant',
  description: 'Publishes the demo flows',
  is_tenant: 1,
  source: 1,
  actual_source: 1,
  plat_release_auth: 7,
  status: 1,
  audit_policy: 0,
  api_key: 'key-123',
  create_at: '2025-01-02T03:04:05.000Z',
  update_at: '2025-01-02T03:04:05.000Z',
};
const AUTH_ERRORS = ADMIN_AUTH_ERRORS;
const AUTH_NOTE = adminNote('409 (HTTP 409): alias taken; ');

@AdminController('workflow/v1/admin/apps')
export class AdminAppsController {
  constructor(private readonly admin: AppAdminService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Register an app or tenant' })
  @ApiBody({ type: CreateAppDto })
  @ApiEnvelope({
    data: EXAMPLE_APP,
    errors: [...AUTH_ERRORS, ErrorCode.PARAM_ERROR, APP_ALIAS_TAKEN],
    note: AUTH_NOTE,
  })
  create(@Body() dto: CreateAppDto): Promise<AppResponseDto> {
    return this.admin.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List apps, oldest first' })
  @ApiEnvelope({
    data: { items: [EXAMPLE_APP], total: 1, offset: 0, limit: 50 },
    errors: [...AUTH_ERRORS, ErrorCode.PARAM_ERROR],
    note: AUTH_NOTE,
  })
  list(@Query() query: ListAppsQuery): Promise<AppListResponseDto> {
    return this.admin.list(query);
  }

  @Get(':alias_id')
  @ApiOperation({ summary: 'Get an app by alias id' })
  @ApiParam({ name: 'alias_id', example: 'tenant-demo' })
  @ApiEnvelope({
    data: EXAMPLE_APP,
    errors: [...AUTH_ERRORS, ErrorCode.APP_NOT_FOUND_ERROR],
    note: AUTH_NOTE,
  })
  get(@Param('alias_id') aliasId: string): Promise<AppResponseDto> {
    return this.admin.get(aliasId);
  }

  @Patch(':alias_id')
  @ApiOperation({ summary: 'Change an app (any column but the alias id)' })
  @ApiParam({ name: 'alias_id', example: 'tenant-demo' })
  @ApiBody({ type: UpdateAppDto })
  @ApiEnvelope({
    data: EXAMPLE_APP,
    errors: [...AUTH_ERRORS, ErrorCode.PARAM_ERROR, ErrorCode.APP_NOT_FOUND_ERROR],
    note: AUTH_NOTE,
  })
  update(@Param('alias_id') aliasId: string, @Body() dto: UpdateAppDto): Promise<AppResponseDto> {
    return this.admin.update(aliasId, dto);
  }
}
