/** Email templates and their safe, personalised rendering with Jinjava. */
package lux.templates;
