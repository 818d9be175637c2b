/**
 * A plain form: no next-auth client on every page (it was most of the shell's JavaScript).
 * `/api/sign-out` ends the session on the server and clears the cookie (decision 008).
 */
export function SignOutButton() {
  return (
    <form method="post" action="/api/sign-out" className="sign-out">
      <button type="submit" className="btn btn-small">
        Sign out
      </button>
    </form>
  );
}
