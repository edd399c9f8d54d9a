// Drives DescribeUHostInstance through the official Go SDK
// (github.com/ucloud/ucloud-sdk-go) with THREADS goroutines for SECONDS
// and prints the same summary line as the Rust load tool, CPU per call
// included (user+sys of this process from getrusage, over the timed run,
// per completed call):
//
//	go_load BASE_URL PUBLIC_KEY PRIVATE_KEY THREADS SECONDS [pooled]
//
// As the SDK comes, its HTTP client keeps the standard library's 2 idle
// connections per host, so that with more calls in flight most of them
// open a connection; `pooled` gives it a transport that keeps as many as
// there are calls in flight.
//
// Built in GOPATH mode inside a checkout of the SDK, whose vendor
// directory holds its dependencies (see BENCHMARKS.md):
//
//	mkdir -p $GOPATH/src/github.com/ucloud/ucloud-sdk-go/cmd/go_load
//	cp bench/go_load.go $GOPATH/src/github.com/ucloud/ucloud-sdk-go/cmd/go_load/main.go
//	GO111MODULE=off go build -o go_load github.com/ucloud/ucloud-sdk-go/cmd/go_load
package main

import (
	"fmt"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/ucloud/ucloud-sdk-go/services/uhost"
	"github.com/ucloud/ucloud-sdk-go/ucloud"
	"github.com/ucloud/ucloud-sdk-go/ucloud/auth"
	"github.com/ucloud/ucloud-sdk-go/ucloud/log"
)

func cpu() (float64, float64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	u := float64(ru.Utime.Sec) + float64(ru.Utime.Usec)/1e6
	s := float64(ru.Stime.Sec) + float64(ru.Stime.Usec)/1e6
	return u, s
}

func main() {
	if len(os.Args) < 6 {
		fmt.Fprintln(os.Stderr, "usage: go_load BASE_URL PUBLIC_KEY PRIVATE_KEY THREADS SECONDS [pooled]")
		os.Exit(2)
	}
	base, pk, sk := os.Args[1], os.Args[2], os.Args[3]
	n, err := strconv.Atoi(os.Args[4])
	if err != nil || n < 1 {
		fmt.Fprintln(os.Stderr, "THREADS must be a positive integer")
		os.Exit(2)
	}
	secs, err := strconv.ParseFloat(os.Args[5], 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, "SECONDS must be a number")
		os.Exit(2)
	}
	cfg := ucloud.NewConfig()
	cfg.Region = "cn-bj2"
	cfg.BaseUrl = base
	cfg.MaxRetries = 0
	cfg.LogLevel = log.PanicLevel
	cred := auth.NewCredential()
	cred.PublicKey, cred.PrivateKey = pk, sk
	client := uhost.NewClient(&cfg, &cred)
	if len(os.Args) > 6 && os.Args[6] == "pooled" {
		// Keep as many idle connections as calls in flight (the
		// standard library keeps 2 per host unless told otherwise).
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = n
		client.SetTransport(t)
	}
	if _, err := client.DescribeUHostInstance(client.NewDescribeUHostInstanceRequest()); err != nil {
		fmt.Fprintln(os.Stderr, "first call failed:", err)
		os.Exit(1)
	}
	deadline := time.Now().Add(time.Duration(secs * float64(time.Second)))
	u0, s0 := cpu()
	started := time.Now()
	var mu sync.Mutex
	var all []time.Duration
	errors := 0
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			failed := 0
			for time.Now().Before(deadline) {
				sent := time.Now()
				_, err := client.DescribeUHostInstance(client.NewDescribeUHostInstanceRequest())
				if err != nil {
					failed++
					continue
				}
				mine = append(mine, time.Since(sent))
			}
			mu.Lock()
			all = append(all, mine...)
			errors += failed
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(started).Seconds()
	u1, s1 := cpu()
	calls := float64(len(all) + errors)
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		r := int(float64(len(all))*p + 0.999999)
		if r < 1 {
			r = 1
		}
		if r > len(all) {
			r = len(all)
		}
		return all[r-1].Seconds() * 1000
	}
	fmt.Printf("requests/s: %.0f errors: %d p50_ms: %.3f p99_ms: %.3f cpu_us_per_call: %.1f user_us_per_call: %.1f\n",
		float64(len(all))/elapsed, errors, pct(0.5), pct(0.99), ((u1-u0)+(s1-s0))*1e6/calls, (u1-u0)*1e6/calls)
}
