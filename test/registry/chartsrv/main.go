// chartsrv serves a folder over HTTPS behind HTTP basic auth: a chart repository as GitHub Pages
// or any static host serves one (index.yaml and the packaged .tgz files beside it). It also writes
// the bcrypt htpasswd line the CNCF distribution registry reads, so the e2e scripts need no
// apache2-utils.
//
//	chartsrv -addr 127.0.0.1:15080 -dir DIR -cert CRT -key KEY -user U -password-file F
//	chartsrv -htpasswd -user U -password-file F     (prints "U:$2y$...")
package main

import (
	"crypto/subtle"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:15080", "listen address")
	dir := flag.String("dir", ".", "folder to serve")
	cert := flag.String("cert", "", "TLS certificate (PEM)")
	key := flag.String("key", "", "TLS key (PEM)")
	user := flag.String("user", "", "basic auth user")
	passwordFile := flag.String("password-file", "", "file holding the basic auth password")
	htpasswd := flag.Bool("htpasswd", false, "print a bcrypt htpasswd line for -user and exit")
	flag.Parse()

	raw, err := os.ReadFile(*passwordFile)
	if err != nil {
		log.Fatalf("chartsrv: reading -password-file: %v", err)
	}
	password := strings.TrimRight(string(raw), "\r\n")
	if *user == "" || password == "" {
		log.Fatal("chartsrv: -user and a non-empty -password-file are required")
	}
	if *htpasswd {
		hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
		if err != nil {
			log.Fatalf("chartsrv: bcrypt: %v", err)
		}
		fmt.Printf("%s:%s\n", *user, hash)
		return
	}

	files := http.FileServer(http.Dir(*dir))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		// Constant-time on both parts, so a wrong guess takes as long as a right one.
		good := ok && subtle.ConstantTimeCompare([]byte(u), []byte(*user)) == 1 &&
			subtle.ConstantTimeCompare([]byte(p), []byte(password)) == 1
		if !good {
			w.Header().Set("WWW-Authenticate", `Basic realm="charts"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			log.Printf("%s %s 401", r.Method, r.URL.Path)
			return
		}
		log.Printf("%s %s", r.Method, r.URL.Path)
		files.ServeHTTP(w, r)
	})
	log.Printf("chartsrv: serving %s on https://%s", *dir, *addr)
	log.Fatal(http.ListenAndServeTLS(*addr, *cert, *key, handler))
}
