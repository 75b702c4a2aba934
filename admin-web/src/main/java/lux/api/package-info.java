/**
 * The JSON API under /api/v1: API-token authentication, problem+json errors, paginated
 * resources.
 */
package lux.api;
