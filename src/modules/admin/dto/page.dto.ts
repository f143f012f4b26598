import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** The fields of one page of an admin list, its items documented as `item`. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

/**
 * The response class of a paged admin list: `class XPageDto extends PageDto(XDto) {}` (a class
 * per item type, so that the OpenAPI document names each page schema).
 */
export function PageDto<T>(item: Type<T>): Type<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] })
    items!: T[];
    @ApiProperty({ example: 1 })
    total!: number;
    @ApiProperty({ example: 1 })
    page!: number;
    @ApiProperty({ example: 20 })
    page_size!: number;
  }
  return PageOfItems;
}
