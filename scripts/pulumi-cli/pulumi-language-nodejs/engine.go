package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

// engineCheckInterval is how often the host checks that the engine is alive. Pulumi's own host
// checks every 5 minutes, which is how long a SIGKILLed CLI's host used to linger; a health call
// a second costs next to nothing on a loopback connection.
const engineCheckInterval = time.Second

// engineMisses is how many health checks in a row must find the engine's port closed before the
// engine counts as gone. Only a refused or dropped connection counts: a slow answer on a loaded
// machine must never stop a deployment.
const engineMisses = 3

// engineCallTimeout bounds one health check; running out of it does not count as a miss.
const engineCallTimeout = 10 * time.Second

// watchEngine reports, once, why the engine is gone: either the host's parent process (the CLI
// that started it, parentPid) has exited, or the engine's gRPC server at addr has been unreachable
// (codes.Unavailable) for misses checks in a row. A server that answers in any way, even that it
// does not implement the health service, counts as alive. It stops watching when ctx ends.
func watchEngine(ctx context.Context, addr string, parentPid int, every time.Duration, misses int) <-chan string {
	gone := make(chan string, 1)
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		gone <- fmt.Sprintf("the engine address %q is not usable: %v", addr, err)
		return gone
	}
	health := healthpb.NewHealthClient(conn)
	go func() {
		defer conn.Close()
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		failed := 0
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
			// When the parent exits the host is re-parented, so its parent pid changes at once;
			// pid 1 as the parent from the start means there is no parent to watch.
			if parentPid > 1 && os.Getppid() != parentPid {
				gone <- fmt.Sprintf("the engine process (pid %d) exited", parentPid)
				return
			}
			callCtx, cancel := context.WithTimeout(ctx, engineCallTimeout)
			_, err := health.Check(callCtx, &healthpb.HealthCheckRequest{})
			cancel()
			if status.Code(err) != codes.Unavailable || ctx.Err() != nil {
				failed = 0
				continue
			}
			if failed++; failed >= misses {
				gone <- fmt.Sprintf("the engine at %s stopped answering (%d health checks failed, last: %v)",
					addr, failed, status.Convert(err).Message())
				return
			}
		}
	}()
	return gone
}
