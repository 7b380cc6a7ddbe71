/**
 * The operations layer: {@link io.jenkins.plugins.imagestreams.service.ImageStreamService}, the one object both doors
 * (the {@code imagestreams} command and the Jenkins plugin) call for everything a person does with image streams.
 * Each rule that decides how an operation behaves (who owns a tag, which gates hold, how {@code copyTo} and a new
 * import source combine with what is stored, how environments are ordered) lives here once, under core's tests.
 */
package io.jenkins.plugins.imagestreams.service;
