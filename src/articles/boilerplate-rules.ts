/**
 * Data for the boilerplate filter (see `boilerplate.ts`). All entries are lower-case with straight
 * apostrophes; matching ignores case, leading bullets/arrows and trailing punctuation. English plus
 * French, German, Spanish, Italian, Portuguese and Dutch. Add entries here, not code.
 */
export interface BoilerplateRules {
  /** A line that is exactly one of these (share buttons, ad labels, widget headings) is dropped. */
  wholeLines: readonly string[];
  /**
   * Teaser prefixes ("READ MORE  Some headline", "Related: ..."): a short line starting with one,
   * followed by nothing, a separator (`:` `|` `-` `»` ...) or a capitalised word, is dropped.
   */
  teaserPrefixes: readonly string[];
  /**
   * Calls to action ("Follow us on ...", "Click here to ...", "We use cookies ..."): a short line
   * starting with one of these, whatever follows, is dropped.
   */
  ctaPrefixes: readonly string[];
  /**
   * Sentences so specific to page furniture (comment forms, rights notices) that a short line
   * containing one anywhere is dropped.
   */
  phrases: readonly string[];
  /** Caption and credit prefixes ("Photo: ...", "Image credit ..."): short lines starting so are dropped. */
  captionPrefixes: readonly string[];
  /**
   * Whole-line markers of what follows an article (comment form, "related posts"): when one appears
   * after real article text, it and everything after it are dropped.
   */
  tailMarkers: readonly string[];
  /** Tail markers as patterns, for counts such as "12 Comments". */
  tailPatterns: readonly RegExp[];
}

/** The default, multilingual-lite rule set. */
export const DEFAULT_BOILERPLATE_RULES: BoilerplateRules = {
  wholeLines: [
    'advertisement', 'advertisements', 'advertising', 'advert', 'ad', 'sponsored', 'sponsored content',
    'paid content', 'skip advertisement', 'story continues below advertisement', 'advertisement - scroll to continue',
    'continue reading', 'continue reading below', 'read more', 'read full story', 'read the full story',
    'show more', 'load more', 'see more', 'more', 'share', 'share this', 'share this article', 'share this story',
    'share on facebook', 'share on twitter', 'share via email', 'tweet', 'email', 'e-mail', 'print', 'facebook',
    'twitter', 'x', 'whatsapp', 'linkedin', 'pinterest', 'reddit', 'telegram', 'copy link', 'link copied',
    'click here', 'subscribe', 'subscribe now', 'sign up', 'sign in', 'log in', 'login', 'register',
    'follow us', 'related', 'related articles', 'related stories', 'related content', 'related topics',
    'recommended', 'recommended for you', 'trending', 'trending now', 'most read', 'most popular', 'popular',
    'more from this author', 'latest news', 'top stories', 'back to top', 'skip to content', 'skip to main content',
    'menu', 'search', 'close', 'home', 'view comments', 'show comments', 'image', 'photo', 'video', 'watch',
    'listen', 'listen to this article', 'getty images', 'ap photo', 'shutterstock', 'topics', 'tags',
    'like this', 'loading', 'print this page', 'previous article', 'next article', 'previous', 'next',
    'publicité', 'lire aussi', 'à lire aussi', 'lire la suite', 'partager', 'abonnez-vous', 'anzeige',
    'werbung', 'mehr zum thema', 'weiterlesen', 'teilen', 'publicidad', 'leer más', 'compartir',
    'pubblicità', 'leggi anche', 'condividi', 'publicidade', 'leia mais', 'leia também', 'compartilhar',
    'advertentie', 'lees meer', 'lees ook', 'delen',
  ],
  teaserPrefixes: [
    'read more', 'read also', 'also read', 'read next', 'read:', 'related:', 'related story', 'related news',
    'related article', 'see also', 'recommended:', 'more:', 'more on this', 'watch:', 'watch now', 'listen:',
    "don't miss", 'must read', "editor's pick", 'trending:',
    'lire aussi', 'à lire aussi', 'a lire aussi', 'voir aussi', 'lesen sie auch', 'lesen sie mehr',
    'mehr zum thema', 'auch interessant', 'lee también', 'leer más', 'te puede interesar', 'ver también',
    'leggi anche', 'potrebbe interessarti', 'leia também', 'leia mais', 'veja também', 'lees ook', 'zie ook',
  ],
  ctaPrefixes: [
    'follow us', 'like us on', 'click here', 'tap here', 'sign up for', 'sign up to', 'subscribe to', 'subscribe for',
    'subscribe now', 'share this', 'share on', 'download our app', 'download the app', 'get the app',
    'continue reading', 'to continue reading', 'already a subscriber', 'listen to this article', 'we use cookies',
    'this site uses cookies', 'this website uses cookies', 'by continuing to use', 'by continuing to browse',
    'please enable javascript', 'get our newsletter', 'get the latest', 'story continues below',
    'suivez-nous', 'abonnez-vous', 'inscrivez-vous', 'folgen sie uns', 'melden sie sich', 'síguenos', 'suscríbete',
    'seguici', 'iscriviti', 'siga-nos', 'assine', 'volg ons',
  ],
  phrases: [
    'your email address will not be published', 'required fields are marked', 'all rights reserved',
    'sign up for our newsletter', 'sign up to our newsletter', 'subscribe to our newsletter',
    'delivered to your inbox', 'enable javascript to', 'your browser does not support', 'scroll to continue',
    'may not be published, broadcast, rewritten or redistributed',
    'tous droits réservés', 'votre adresse e-mail ne sera pas publiée', 'les champs obligatoires sont indiqués',
    'alle rechte vorbehalten', 'ihre e-mail-adresse wird nicht veröffentlicht', 'erforderliche felder sind mit',
    'todos los derechos reservados', 'tu dirección de correo electrónico no será publicada',
    'los campos obligatorios están marcados', 'tutti i diritti riservati', 'il tuo indirizzo email non sarà pubblicato',
    'todos os direitos reservados', 'o seu endereço de email não será publicado', 'alle rechten voorbehouden',
  ],
  captionPrefixes: [
    'photo:', 'photo credit', 'photograph:', 'photo by', 'photos:', 'image:', 'image credit', 'image source',
    'image caption', 'picture:', 'pictured:', 'credit:', 'file photo', '(photo', '[photo', 'foto:', 'bild:',
    'crédit photo', 'crédits photo', 'photo :',
  ],
  tailMarkers: [
    'leave a reply', 'leave a comment', 'post a comment', 'add a comment', 'add comment', 'join the conversation',
    'join the discussion', 'comments', 'responses', 'related posts', 'you may also like', 'you might also like',
    'more stories', 'laisser un commentaire', 'laisser une réponse', 'commentaires', 'schreibe einen kommentar',
    'kommentar hinterlassen', 'kommentare', 'deja un comentario', 'deja una respuesta', 'comentarios',
    'lascia un commento', 'commenti', 'deixe um comentário', 'deixe uma resposta', 'comentários',
    'laat een reactie achter', 'reacties',
  ],
  tailPatterns: [
    /^\d+\s+(?:comments?|responses?|replies|commentaires?|kommentare?|comentarios?|commenti)$/u,
    /^(?:\d+|one|two|three|four|five) (?:thoughts?|responses?|comments?|replies) (?:on|to) /u,
  ],
};
