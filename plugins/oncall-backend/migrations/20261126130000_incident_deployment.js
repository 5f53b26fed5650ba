// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('oncall_incidents', table => {
    table
      .string('deployment_environment', 63)
      .nullable()
      .comment('Environment of the deployment that caused the incident');
    table
      .string('deployment_version', 200)
      .nullable()
      .comment('Version of the deployment that caused the incident');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('oncall_incidents', table => {
    table.dropColumn('deployment_environment');
    table.dropColumn('deployment_version');
  });
};
