import { constructTable, rowPaginationFeature, rowSortingFeature, tableFeatures } from "@tanstack/table-core";
import type { ColumnDef, SortingState } from "@tanstack/table-core";
import { storeReactivityBindings } from "@tanstack/table-core/store-reactivity-bindings";
import type { ComponentChildren } from "preact";

export const tableFeatureSet = tableFeatures({ coreReactivityFeature: storeReactivityBindings(), rowSortingFeature, rowPaginationFeature });
export type Features = typeof tableFeatureSet;

/**
 * A server-driven table on @tanstack/table-core: the server sorts and pages, the table keeps
 * the header, sort toggles and page arithmetic. Cells render whatever their column returns.
 */
export function DataTable<T extends object>(props: {
  caption: string;
  columns: Array<ColumnDef<Features, T, any>>;
  rows: T[];
  rowId: (row: T) => string;
  total: number;
  page: number;
  pageSize: number;
  sort: { id: string; desc: boolean } | null;
  onSort: (sort: { id: string; desc: boolean } | null) => void;
  onPage: (page: number) => void;
}) {
  const sorting: SortingState = props.sort ? [props.sort] : [];
  const table = constructTable({
    features: tableFeatureSet,
    columns: props.columns,
    data: props.rows,
    getRowId: props.rowId,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    rowCount: props.total,
    state: { sorting, pagination: { pageIndex: props.page - 1, pageSize: props.pageSize } },
    onSortingChange: (updater: unknown) => {
      const next = (typeof updater === "function" ? (updater as (s: SortingState) => SortingState)(sorting) : updater) as SortingState;
      props.onSort(next[0] ?? null);
    },
    onPaginationChange: (updater: unknown) => {
      const current = { pageIndex: props.page - 1, pageSize: props.pageSize };
      const next = (typeof updater === "function" ? (updater as (p: typeof current) => typeof current)(current) : updater) as typeof current;
      props.onPage(next.pageIndex + 1);
    },
  } as never) as any;
  const render = (value: unknown, context: unknown): ComponentChildren => (typeof value === "function" ? value(context) : (value as ComponentChildren));
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group: any) => (
            <tr key={group.id}>
              {group.headers.map((header: any) => {
                const sorted = header.column.getIsSorted();
                const label = render(header.column.columnDef.header, header.getContext());
                return (
                  <th key={header.id} scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                    {header.column.getCanSort() ? (
                      <button type="button" class="sort" onClick={() => header.column.toggleSorting(sorted === "asc")}>
                        {label} <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row: any) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell: any) => (
                <td key={cell.id} data-label={typeof cell.column.columnDef.header === "string" ? cell.column.columnDef.header : ""}>
                  {render(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
          {props.rows.length === 0 && (
            <tr>
              <td colSpan={props.columns.length}>Nothing matches.</td>
            </tr>
          )}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>
          Previous
        </button>
        <span>
          Page {props.page} of {Math.max(1, table.getPageCount())} · {props.total.toLocaleString("en")} accounts
        </span>
        <button type="button" disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
          Next
        </button>
      </nav>
    </div>
  );
}
