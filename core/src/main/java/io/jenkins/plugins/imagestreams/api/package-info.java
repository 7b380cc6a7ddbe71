/**
 * The values {@link io.jenkins.plugins.imagestreams.service.ImageStreamService} takes and returns that the machinery
 * below it (importing, promotion, copying) produces too: import outcomes, promotion options, plans and refusals, copy
 * options and results with the attachments a copy carried, scheduler settings. Plain values; the doors use them
 * without reaching below the service.
 */
package io.jenkins.plugins.imagestreams.api;
