/** Where the suite's BFF and its embedded simulator listen; shared by the config and the tests. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8090);
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 8191);
