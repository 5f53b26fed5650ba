import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { CostOverviewResponse } from '@opsdeck/plugin-cost-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../api/CostApi';
import { CostHintsList } from './CostHintsList';
import { CostPeriodLayout } from './CostPeriodPicker';
import { formatMoney, formatRatio } from './formatMoney';
import { DayRange, resolvePeriod } from './period';
import { useCostPeriod } from './useCostPeriod';

interface OwnerRow {
  owner: string;
  group?: Entity;
  amount: string;
  change: string;
}

function OwnerCell({ row }: { row: OwnerRow }) {
  if (!row.group) {
    return <>{row.owner}</>;
  }
  const title = row.group.metadata.title;
  return (
    <>
      <EntityRefLink entityRef={row.group}>
        {title ?? row.group.metadata.name}
      </EntityRefLink>
      {title && title !== row.owner && (
        <Typography variant="caption" color="textSecondary" component="div">
          {row.owner}
        </Typography>
      )}
    </>
  );
}

const columns: TableColumn<OwnerRow>[] = [
  {
    title: 'Team (owner tag)',
    field: 'owner',
    render: row => <OwnerCell row={row} />,
  },
  { title: 'Spend', field: 'amount' },
  { title: 'Change', field: 'change' },
];

/** The group an owner tag names (`checkout-team`, `group:default/x`). */
function groupRefOf(owner: string): CompoundEntityRef | undefined {
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'group' ? ref : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The catalog groups named by owner tags, in one request; owners without a
 * group are left out.
 */
function useOwnerGroups(owners: string[]) {
  const catalogApi = useApi(catalogApiRef);
  const key = owners.join('\n');
  return useAsync(async () => {
    const refs = new Map<string, string>();
    for (const owner of owners) {
      const ref = groupRefOf(owner);
      if (ref) {
        refs.set(owner, stringifyEntityRef(ref));
      }
    }
    const groups = new Map<string, Entity>();
    if (refs.size === 0) {
      return groups;
    }
    const entityRefs = [...new Set(refs.values())];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    const found = new Map(
      entityRefs.flatMap((ref, i) => (items[i] ? [[ref, items[i]!]] : [])),
    );
    for (const [owner, ref] of refs) {
      const group = found.get(ref);
      if (group) {
        groups.set(owner, group);
      }
    }
    return groups;
  }, [catalogApi, key]);
}

function SpendPerTeam({ overview }: { overview: CostOverviewResponse }) {
  const groups = useOwnerGroups(overview.byOwner.map(o => o.owner));
  const c = overview.currency;
  return (
    <Table<OwnerRow>
      title="Spend per team"
      subtitle={
        groups.error
          ? `Teams are not linked to the catalog: ${groups.error.message}`
          : undefined
      }
      options={{ paging: false, search: false }}
      columns={columns}
      data={overview.byOwner.map(o => ({
        owner: o.owner,
        group: groups.value?.get(o.owner),
        amount: formatMoney(o.amount, c),
        change: `${formatRatio(o.change.ratio)} (${formatMoney(
          o.change.amount,
          c,
        )})`,
      }))}
    />
  );
}

/**
 * The organisation's spend per team, unallocated spend and hints over a
 * period chosen with a selector (kept in the URL query string).
 */
export function CostOverviewContent() {
  const api = useApi(costApiRef);
  const period = useCostPeriod();
  // The overview of the default period: it tells the last day with data
  // the presets end at, and is the answer when the 30-day preset is chosen.
  const latest = useRef<CostOverviewResponse>();
  const { selection, error: invalid } = period;
  const state = useAsync(async () => {
    if (invalid) {
      return undefined;
    }
    let range: DayRange;
    if (selection.kind === 'custom') {
      range = { from: selection.from, to: selection.to };
    } else {
      latest.current ??= await api.getOverview();
      range = resolvePeriod(selection, latest.current.to);
    }
    const known = latest.current;
    const [overview, hints] = await Promise.all([
      known && known.from === range.from && known.to === range.to
        ? known
        : api.getOverview(range),
      api.getHints(undefined, range),
    ]);
    return { range, overview, hints };
  }, [api, selection, invalid]);

  const shownRange = state.loading ? undefined : state.value?.range;
  const page = (content: ReactNode) => (
    <CostPeriodLayout period={period} range={shownRange} state={content} />
  );

  if (invalid) {
    return page(null);
  }
  if (state.error) {
    return page(<ResponseErrorPanel error={state.error} />);
  }
  if (state.loading || !state.value) {
    return page(<Progress />);
  }
  const { overview, hints } = state.value;
  if (overview.currency === null) {
    return page(
      <EmptyState
        missing="data"
        title="No cost data imported yet"
        description="Configure cost.imports with the location of a FOCUS export, or POST a file to /api/cost/imports."
      />,
    );
  }
  const c = overview.currency;
  return (
    <CostPeriodLayout period={period} range={shownRange}>
      <Grid item xs={12} md={6}>
        <InfoCard title={`Spend ${overview.from} to ${overview.to}`}>
          <Typography variant="h4">{formatMoney(overview.total, c)}</Typography>
          <Typography variant="body2">
            Unallocated (no cost-allocation tag):{' '}
            {formatMoney(overview.unallocated, c)}
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Hints">
          <CostHintsList hints={hints.hints} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <SpendPerTeam overview={overview} />
      </Grid>
    </CostPeriodLayout>
  );
}

/**
 * A page with the whole organisation's spend.
 *
 * @public
 */
export function CostOverviewPage() {
  return (
    <Page themeId="tool">
      <Header title="Cost" subtitle="Cloud spend from FOCUS billing exports" />
      <Content>
        <CostOverviewContent />
      </Content>
    </Page>
  );
}
