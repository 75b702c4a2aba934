/** Small shared kernel: user-facing errors every feature raises. */
package lux.shared;
