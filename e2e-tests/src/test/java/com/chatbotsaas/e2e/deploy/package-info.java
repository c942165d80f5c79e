/** Deployment artefacts checked without a container engine: Dockerfiles, docker compose, the Helm chart, tracing. */
@NullMarked
package com.chatbotsaas.e2e.deploy;

import org.jspecify.annotations.NullMarked;
