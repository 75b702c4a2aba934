/**
 * Email templates and their personalised rendering with a sealed Jinjava: templates are
 * data, never code, on a budget.
 */
package lux.templates;
