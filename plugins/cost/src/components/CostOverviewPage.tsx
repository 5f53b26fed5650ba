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
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../api/CostApi';
import { CostHintsList } from './CostHintsList';
import { formatMoney, formatRatio } from './formatMoney';

interface OwnerRow {
  owner: string;
  amount: string;
  change: string;
}

const columns: TableColumn<OwnerRow>[] = [
  { title: 'Team (owner tag)', field: 'owner' },
  { title: 'Spend', field: 'amount' },
  { title: 'Change', field: 'change' },
];

/** The organisation's spend per team, unallocated spend and hints. */
export function CostOverviewContent() {
  const api = useApi(costApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [overview, hints] = await Promise.all([
      api.getOverview(),
      api.getHints(),
    ]);
    return { overview, hints };
  }, [api]);
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const { overview, hints } = value!;
  if (overview.currency === null) {
    return (
      <EmptyState
        missing="data"
        title="No cost data imported yet"
        description="Configure cost.imports with the location of a FOCUS export, or POST a file to /api/cost/imports."
      />
    );
  }
  const c = overview.currency;
  return (
    <Grid container spacing={3}>
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
        <Table
          title="Spend per team"
          options={{ paging: false, search: false }}
          columns={columns}
          data={overview.byOwner.map(o => ({
            owner: o.owner,
            amount: formatMoney(o.amount, c),
            change: `${formatRatio(o.change.ratio)} (${formatMoney(
              o.change.amount,
              c,
            )})`,
          }))}
        />
      </Grid>
    </Grid>
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
