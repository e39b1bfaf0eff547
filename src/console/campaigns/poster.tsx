/** One printable poster: the bot's name, the QR code, a short explanation from the locales, the link. */
export function PosterSheet(props: {
  size: "a4" | "a5";
  lang: string;
  title: string;
  text: string;
  qr: string;
  qrAlt: string;
  link: string;
  handle?: string | undefined;
}) {
  return (
    <article class={`poster ${props.size}`} lang={props.lang}>
      <h2 class="poster-title">{props.title}</h2>
      {props.handle ? <p class="poster-text">{props.handle}</p> : null}
      <img src={props.qr} alt={props.qrAlt} />
      <p class="poster-text">{props.text}</p>
      {props.text.includes(props.link) ? null : <p class="poster-link">{props.link}</p>}
    </article>
  );
}
