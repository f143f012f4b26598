import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { ApiEnvelope } from '../../core/http/api-envelope.decorator';
import { Consumer, RequiresConsumer } from '../../core/http/consumer.decorator';
import { AuthService } from './auth.service';
import { AuthDto } from './dto/auth.dto';
import { PublishDto } from './dto/publish.dto';
import { PublishService } from './publish.service';
import { Enveloped } from '../../core/http/envelope.interceptor';
import { FlowAccess } from '../tenancy/flow-access.decorator';

const TENANT_HEADER = {
  name: 'X-Consumer-Username',
  required: true,
  description: 'Alias id of the tenant app (also read as `x_consumer_username`); missing → 460',
};

// Served under every path a client uses: the reference's /v1/… and /workflow/v1/v1/…, and the
// seed's /workflow/v1/… (docs/api.md#routes).
@ApiTags(ApiTag.PUBLISH)
@Controller()
@Enveloped()
export class FlowAuthController {
  constructor(
    private readonly publishing: PublishService,
    private readonly auth: AuthService,
  ) {}

  @Post(['v1/publish', 'workflow/v1/v1/publish', 'workflow/v1/publish'])
  @HttpCode(200)
  @RequiresConsumer()
  @RouteErrors({ fallback: ErrorCode.FLOW_PUBLISH_ERROR, style: 'details' })
  @FlowAccess({ kind: 'flow', from: 'body', field: 'flow_id' })
  @ApiOperation({ summary: 'Publish, publish to API, take down or sync a flow on a platform' })
  @ApiHeader(TENANT_HEADER)
  @ApiBody({ type: PublishDto })
  @ApiEnvelope({
    errors: [
      ErrorCode.PARAM_ERROR,
      ErrorCode.FLOW_PUBLISH_ERROR,
      ErrorCode.APP_GET_WITH_REMOTE_FAILED_ERROR,
      ErrorCode.APP_TENANT_NOT_FOUND_ERROR,
      ErrorCode.FLOW_NOT_FOUND_ERROR,
      ErrorCode.APP_TENANT_PLATFORM_UNAUTHORIZED_ERROR,
      ErrorCode.APP_PLAT_NOT_RELEASE_OP_ERROR,
    ],
    note:
      '20206 answers out-of-range release_status/plat and unusable platforms with a detail, and ' +
      'any unexpected failure as `Workflow publish failed, Error details: internal error`.',
  })
  publish(@Consumer() tenant: string, @Body() dto: PublishDto): Promise<void> {
    return this.publishing.publish(tenant, dto);
  }

  @Post(['v1/auth', 'workflow/v1/v1/auth', 'workflow/v1/auth'])
  @HttpCode(200)
  @RequiresConsumer()
  @RouteErrors({ fallback: ErrorCode.APP_FLOW_AUTH_BOND_ERROR, style: 'details' })
  @FlowAccess({ kind: 'flow', from: 'body', field: 'flow_id' })
  @ApiOperation({ summary: 'Bind an app to a published flow group (creates its licence)' })
  @ApiHeader(TENANT_HEADER)
  @ApiBody({ type: AuthDto })
  @ApiEnvelope({
    errors: [
      ErrorCode.PARAM_ERROR,
      ErrorCode.APP_GET_WITH_REMOTE_FAILED_ERROR,
      ErrorCode.APP_TENANT_NOT_FOUND_ERROR,
      ErrorCode.FLOW_NOT_FOUND_ERROR,
      ErrorCode.FLOW_NOT_PUBLISH_ERROR,
      ErrorCode.APP_FLOW_AUTH_BOND_ERROR,
    ],
    note: 'Unexpected failures answer `Application binding failed, Error details: internal error`.',
  })
  bind(@Consumer() tenant: string, @Body() dto: AuthDto): Promise<void> {
    return this.auth.bind(tenant, dto);
  }
}
