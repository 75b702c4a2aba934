/**
 * Small shared kernel: user-facing errors every feature raises, and the SQL helpers
 * (dialect, unnest arrays) several features share.
 */
package lux.shared;
