package web

import (
	"net/http"

	"github.com/village-uk/village/internal/people"
)

// peopleView is the list of users' content.
type peopleView struct {
	Users       []people.User
	Unavailable string
}

// peoplePage lists the users who may sign in to this server, for
// administrators. Changes are made with village users.
func (s *Server) peoplePage(w http.ResponseWriter, r *http.Request) {
	v := peopleView{}
	if s.Identity.Accounts == nil {
		v.Unavailable = "This server does not sign people in: it is for the one person using this machine."
		s.render(w, http.StatusOK, "people.html", page{Title: "People", Content: v})
		return
	}
	users, err := s.Identity.Accounts.ServedUsers(r.Context())
	if err != nil {
		s.Log.Error("listing the users", "err", err)
		s.problem(w, http.StatusInternalServerError, "Sorry, there is a problem", "The users could not be listed.")
		return
	}
	v.Users = users
	s.render(w, http.StatusOK, "people.html", page{Title: "People", Content: v})
}
