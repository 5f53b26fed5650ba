// @ts-check

/**
 * One row per deployment, kept in step with deployment_events at ingestion so
 * that history, current versions and DORA read a few indexed rows instead of
 * folding every event. Existing events are folded into it here.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment(
      'Deployments folded from deployment_events (by event time, not arrival)',
    );
    table
      .string('deployment_key', 64)
      .primary()
      .comment('deployment_events.deployment_key');
    table.string('deployments_id', 400).notNullable();
    table.string('environment', 63).notNullable();
    table.string('version', 200).notNullable();
    table.string('commit_sha', 64).notNullable();
    table.bigInteger('commit_time').nullable();
    table.string('status', 16).notNullable().comment('Latest event status');
    table.string('strategy', 16).notNullable();
    table.integer('step').nullable();
    table.float('traffic_weight').nullable();
    table.string('actor', 200).nullable();
    table.text('run_url').nullable();
    table.bigInteger('started_at').notNullable().comment('Earliest event');
    table.bigInteger('updated_at').notNullable().comment('Latest event');
    table.bigInteger('succeeded_at').nullable().comment('First success');
    table
      .bigInteger('failed_at')
      .nullable()
      .comment('First failure or rollback');
    table
      .bigInteger('finished_at')
      .nullable()
      .comment('succeeded_at, else failed_at: when it finished');
    table.index(
      ['deployments_id', 'environment', 'started_at'],
      'deployments_entity_env_started_idx',
    );
    table.index(
      ['deployments_id', 'environment', 'finished_at'],
      'deployments_entity_env_finished_idx',
    );
    table.index(
      ['deployments_id', 'updated_at'],
      'deployments_entity_updated_idx',
    );
  });

  const rank = `CASE e.status WHEN 'started' THEN 0 WHEN 'succeeded' THEN 1 WHEN 'failed' THEN 2 ELSE 3 END`;
  const latest = (/** @type {string} */ column, nonNull = true) =>
    `(SELECT e.${column} FROM deployment_events e WHERE e.deployment_key = k.deployment_key${
      nonNull ? ` AND e.${column} IS NOT NULL` : ''
    } ORDER BY e.event_time DESC, ${rank} DESC, e.event_id DESC LIMIT 1)`;
  await knex.raw(`
    INSERT INTO deployments (
      deployment_key, deployments_id, environment, version, commit_sha,
      commit_time, status, strategy, step, traffic_weight, actor, run_url,
      started_at, updated_at, succeeded_at, failed_at, finished_at
    )
    SELECT
      k.deployment_key, k.deployments_id, k.environment, k.version,
      k.commit_sha, ${latest('commit_time')}, ${latest('status', false)},
      ${latest('strategy', false)}, ${latest('step')},
      ${latest('traffic_weight')}, ${latest('actor')}, ${latest('run_url')},
      k.started_at, k.updated_at, k.succeeded_at, k.failed_at,
      COALESCE(k.succeeded_at, k.failed_at)
    FROM (
      SELECT
        deployment_key,
        MIN(deployments_id) AS deployments_id,
        MIN(environment) AS environment,
        MIN(version) AS version,
        MIN(commit_sha) AS commit_sha,
        MIN(event_time) AS started_at,
        MAX(event_time) AS updated_at,
        MIN(CASE WHEN status = 'succeeded' THEN event_time END) AS succeeded_at,
        MIN(CASE WHEN status IN ('failed', 'rolled_back') THEN event_time END)
          AS failed_at
      FROM deployment_events
      GROUP BY deployment_key
    ) k
  `);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployments');
};
