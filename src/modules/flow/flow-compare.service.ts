import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { DeleteComparisonDto, SaveComparisonDto } from './dto/compare.dto';
import { requireNumericFlowId } from './flow-id';
import { FlowRepository } from '../../database/repositories/flow.repository';

/** `tag` of a comparison ("control group") row. */
export const COMPARISON_TAG = 1;

/** Comparison rows of a flow group (docs/api.md#comparison-rows). */
@Injectable()
export class FlowCompareService {
  constructor(
    private readonly transactions: Transactions,
    private readonly flows: FlowRepository,
  ) {}

  /**
   * Stores `data` as a comparison row of the flow's group under the label `version`.
   * 20201 unknown flow; 20102 when the group already has a row with that label.
   */
  async save(body: SaveComparisonDto): Promise<void> {
    await this.transactions.run(async (manager) => {
      const flow = await this.flows.findById(
        requireNumericFlowId(body.flow_id, ErrorCode.PROTOCOL_CREATE_ERROR),
        manager,
      );
      if (!flow) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
      if (await this.flows.findByGroupAndVersion(flow.groupId, body.version, manager)) {
        throw new AppException(
          ErrorCode.PROTOCOL_CREATE_ERROR,
          `version ${body.version} already exists for this flow`,
        );
      }
      await this.flows.insert(
        {
          groupId: flow.groupId,
          name: flow.name,
          data: body.data,
          releaseData: {},
          description: flow.description,
          status: flow.status,
          appId: flow.appId,
          source: flow.source,
          version: body.version,
          tag: COMPARISON_TAG,
          releaseStatus: 0,
        },
        manager,
      );
    });
  }

  /**
   * Removes the group's comparison rows labelled `version`. Unlike the reference, working rows
   * and published snapshots with that label are left alone (docs/decisions.md#q12). 20201 unknown flow.
   */
  async delete(body: DeleteComparisonDto): Promise<void> {
    const flow = await this.flows.findById(
      requireNumericFlowId(body.flow_id, ErrorCode.PROTOCOL_DELETE_ERROR),
    );
    if (!flow) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
    await this.flows.deleteGroupVersion(flow.groupId, body.version, COMPARISON_TAG);
  }
}
