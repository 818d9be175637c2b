import Link from 'next/link';

export default function InviteNotFound() {
  return (
    <div className="stack narrow">
      <h1>This invite link cannot be used</h1>
      <p>The link is unknown, or it has expired, been revoked or been used as many times as it allows. Nothing was changed.</p>
      <p>Ask the team’s owner or an admin for a new link.</p>
      <p>
        <Link className="btn" href="/teams">
          Your teams
        </Link>
      </p>
    </div>
  );
}
