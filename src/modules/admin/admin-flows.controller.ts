import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { ErrorCode } from '../../core/errors/error-code';
import { ApiEnvelope } from '../../core/http/api-envelope.decorator';
import { ADMIN_AUTH_ERRORS, adminNote, EXAMPLE_BINDING } from './admin-api-docs';
import { AdminFlowsService } from './admin-flows.service';
import { AdminController } from './admin-controller.decorator';
import {
  AdminFlowDto,
  AdminFlowPageDto,
  FlowVersionDto,
  FlowVersionListDto,
} from './dto/admin-flow.dto';
import { BindingListDto } from './dto/binding.dto';
import { ListFlowsQuery } from './dto/list-flows.query';

const FLOW_ID = '7381234567890123456';
const EXAMPLE_PLATFORMS = [
  { platform: 1, platform_name: 'Xingchen Platform', status: 'Published' },
  { platform: 2, platform_name: 'Open Platform', status: 'Unpublished' },
  { platform: 4, platform_name: 'AIUI', status: 'Taken Down' },
];
const EXAMPLE_FLOW: AdminFlowDto = {
  id: FLOW_ID,
  group_id: '7381234567890120000',
  name: 'Greeting flow',
  description: 'Says hello',
  app_id: 'tenant-demo',
  status: 1,
  source: 1,
  release_status: 1 | 8 | 64,
  platforms: EXAMPLE_PLATFORMS,
  published_as_api: true,
  create_at: '2025-01-02T03:04:05.000Z',
  update_at: '2025-01-03T03:04:05.000Z',
};
const EXAMPLE_VERSION: FlowVersionDto = {
  version: 'v1.0',
  flow_id: '7381234567890129999',
  create_at: '2025-01-03T03:04:05.000Z',
  update_at: '2025-01-03T03:04:05.000Z',
  platform: 1,
  platform_name: 'Xingchen Platform',
  platforms: EXAMPLE_PLATFORMS,
  published_as_api: true,
};
const FLOW_NOT_FOUND = '20201: no flow row has this id; ';

/** Operators' read access to flows (docs/api.md#admin-api). */
@AdminController('workflow/v1/admin/flows')
export class AdminFlowsController {
  constructor(private readonly flows: AdminFlowsService) {}

  @Get()
  @ApiOperation({
    summary: "List an app's flows, oldest first",
    description:
      'The working rows of the flows whose `app_id` is the given alias, with their publish ' +
      'status per platform. An alias without flows answers an empty page.',
  })
  @ApiEnvelope({
    data: { items: [EXAMPLE_FLOW], total: 1, page: 1, page_size: 20 },
    errors: [...ADMIN_AUTH_ERRORS, ErrorCode.PARAM_ERROR],
    note: adminNote(),
  })
  list(@Query() query: ListFlowsQuery): Promise<AdminFlowPageDto> {
    return this.flows.list(query);
  }

  @Get(':flow_id/versions')
  @ApiOperation({
    summary: "A flow's published versions, newest first",
    description: 'Snapshot rows made by publishing with a version; comparison rows are left out.',
  })
  @ApiParam({ name: 'flow_id', example: FLOW_ID, description: 'Any row id of the flow' })
  @ApiEnvelope({
    data: { flow_id: FLOW_ID, items: [EXAMPLE_VERSION] },
    errors: [...ADMIN_AUTH_ERRORS, ErrorCode.FLOW_NOT_FOUND_ERROR],
    note: adminNote(FLOW_NOT_FOUND),
  })
  versions(@Param('flow_id') flowId: string): Promise<FlowVersionListDto> {
    return this.flows.versions(flowId);
  }

  @Get(':flow_id/bindings')
  @ApiOperation({ summary: 'The apps bound to a flow (licences), oldest first' })
  @ApiParam({ name: 'flow_id', example: FLOW_ID, description: 'Any row id of the flow' })
  @ApiEnvelope({
    data: { items: [EXAMPLE_BINDING], total: 1 },
    errors: [...ADMIN_AUTH_ERRORS, ErrorCode.FLOW_NOT_FOUND_ERROR],
    note: adminNote(FLOW_NOT_FOUND),
  })
  bindings(@Param('flow_id') flowId: string): Promise<BindingListDto> {
    return this.flows.bindings(flowId);
  }
}
