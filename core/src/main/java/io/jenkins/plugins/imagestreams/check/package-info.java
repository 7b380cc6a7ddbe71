/** Argument checks shared by the core's records, each failing with the name of the value that is wrong. */
package io.jenkins.plugins.imagestreams.check;
