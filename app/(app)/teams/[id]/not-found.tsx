import Link from 'next/link';

export default function TeamNotFound() {
  return (
    <div className="stack narrow">
      <h1>Team not found</h1>
      <p>There is no such team, or you are not in it.</p>
      <p>
        <Link className="btn" href="/teams">
          Your teams
        </Link>
      </p>
    </div>
  );
}
