/**
 * The Microsoft Graph transport: MSAL4J client-credentials tokens and plain-REST
 * sendMail. The only MSAL user.
 */
package lux.delivery.graph;
