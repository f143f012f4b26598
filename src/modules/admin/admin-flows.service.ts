import { Injectable } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { FlowEntity } from '../../database/entities';
import { FlowRepository } from '../../database/repositories/flow.repository';
import { AdminQueries } from './admin-queries';
import { toAdminFlow, toBinding, toFlowVersion } from './admin-views';
import { AdminFlowPageDto, FlowVersionListDto } from './dto/admin-flow.dto';
import { BindingListDto } from './dto/binding.dto';
import { ListFlowsQuery } from './dto/list-flows.query';
import { pageWindow } from './dto/page.query';

/** What operators can read about flows: a tenant's flows, a flow's versions and bindings. */
@Injectable()
export class AdminFlowsService {
  constructor(
    private readonly queries: AdminQueries,
    private readonly flows: FlowRepository,
  ) {}

  /** An alias without flows (or unknown) answers an empty page: flows outlive their app. */
  async list(query: ListFlowsQuery): Promise<AdminFlowPageDto> {
    const { page, pageSize, offset } = pageWindow(query);
    const { items, total } = await this.queries.flowsOwnedBy(query.app_id, offset, pageSize);
    return { items: items.map(toAdminFlow), total, page, page_size: pageSize };
  }

  async versions(flowId: string): Promise<FlowVersionListDto> {
    const flow = await this.flow(flowId);
    const rows = await this.queries.versionsOf(flow.groupId);
    return { flow_id: flowId, items: rows.map(toFlowVersion) };
  }

  async bindings(flowId: string): Promise<BindingListDto> {
    const flow = await this.flow(flowId);
    const bindings = await this.queries.bindingsOfGroup(flow.groupId);
    return { items: bindings.map(toBinding), total: bindings.length };
  }

  /** Any row of the flow (working row or snapshot); 20201 when there is none. */
  private async flow(flowId: string): Promise<FlowEntity> {
    const flow = await this.flows.findById(flowId);
    if (!flow) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR, `flow_id ${flowId}`);
    return flow;
  }
}
