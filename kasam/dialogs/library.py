"""The built-in dialog library: conversation programmes for the workplace meeting (APT), in Swedish and
English.

Pure Python (no Django import). Everything here is immutable and fixed at import time. The texts are
read aloud on a TV screen at the workplace meeting and on the phone, so they are short, plain and
warm, and they start from what works (a salutogenic approach).

- A Programme is one kind of conversation material (KINDS): a series of short themes for the APT,
  a workshop in parts, check-in and check-out questions, a card deck for the coffee break, or the
  trio-group format.
- A Theme is one conversation: why we talk about it (purpose), what the facilitator reads aloud
  (introduction), two to four open questions asked one at a time, an optional exercise and a closing
  reflection.

Slugs are stable forever: what a workplace has done is recorded by programme slug and theme slug, so
a slug is never renamed, removed or reused for another text. A new programme or theme gets a new slug
and goes last. Texts may be polished, but a text keeps its meaning.

All texts are Kasam's own words. None of them are Antonovsky's SOC-13 or SOC-29 items, which are
copyrighted; tests/dialogs/test_library.py guards against known SOC phrasings.
"""

from dataclasses import dataclass

KINDS = ("series", "workshop", "check_in_out", "card_deck", "trio")


@dataclass(frozen=True)
class Text:
    """One text in Swedish and English (the leadership catalogue's texts too). The library imports
    nothing but dataclasses (tests/dialogs/test_library.py), so it keeps its own copy of the rule the
    other apps share in kasam.core.bilingual.choose."""

    sv: str
    en: str

    def get(self, language: str = "sv") -> str:
        """The text in the given language; English for "en…", Swedish otherwise."""
        return self.en if language.lower().startswith("en") else self.sv


@dataclass(frozen=True)
class Theme:
    """One conversation of a programme. `slug` is unique within its programme and never changes."""

    slug: str
    title: Text
    purpose: Text
    introduction: Text
    questions: tuple[Text, ...]
    exercise: Text | None
    reflection: Text
    minutes: int = 15


@dataclass(frozen=True)
class Programme:
    """A programme of conversations. `slug` is unique in the library and never changes."""

    slug: str
    kind: str
    title: Text
    description: Text
    themes: tuple[Theme, ...] = ()
    cards: tuple[Text, ...] = ()


# ---------------------------------------------------------------------------------------------------
# 1. KASAM på APT: ten themes of fifteen minutes for the workplace meeting, in this order.
# ---------------------------------------------------------------------------------------------------

_KASAM_PA_APT = Programme(
    slug="kasam-pa-apt",
    kind="series",
    title=Text("KASAM på APT", "KASAM at workplace meetings"),
    description=Text(
        "Tio korta samtal för arbetsplatsträffen, ett tema i taget. Varje samtal tar ungefär en kvart "
        "och leds av chefen eller en dialogcoach. Läs inledningen högt, ta sedan en fråga i taget och "
        "avsluta med reflektionen. Det finns inga rätta svar – det viktiga är att alla kommer till tals.",
        "Ten short conversations for the workplace meeting, one theme at a time. Each one takes about a "
        "quarter of an hour and is led by the manager or a dialog coach. Read the introduction aloud, "
        "then take one question at a time and finish with the reflection. There are no right answers – "
        "what matters is that everyone gets to speak.",
    ),
    themes=(
        # Comprehensibility: understanding what is expected, why, and who to ask.
        Theme(
            slug="begriplighet",
            title=Text(
                "Begriplighet – att förstå sin vardag", "Comprehensibility – making sense of everyday work"
            ),
            purpose=Text(
                "När vi förstår vad som händer och varför, blir arbetet lättare att ta sig an. Vi pratar "
                "om vad som gör jobbet begripligt och vad som kan bli tydligare.",
                "When we understand what is happening and why, the work is easier to take on. We talk "
                "about what makes the job understandable and what could be clearer.",
            ),
            introduction=Text(
                "Begriplighet handlar om att förstå sin vardag: att veta vad som ska göras, varför vi gör "
                "det och vem vi kan fråga. Det betyder inte att allt är enkelt eller att inget oväntat "
                "händer. Men när vi ser helheten blir det lättare att hantera det som dyker upp. I dag "
                "pratar vi om vad som gör vårt arbete begripligt, och vad som kan bli ännu tydligare.",
                "Comprehensibility is about making sense of your everyday work: knowing what needs doing, "
                "why we do it and who to ask. It does not mean that everything is simple or that nothing "
                "unexpected happens. But when we can see the whole picture, it is easier to handle "
                "whatever comes up. Today we talk about what makes our work understandable, and what "
                "could become even clearer.",
            ),
            questions=(
                Text(
                    "Berätta om en situation på jobbet där du visste precis vad du skulle göra. Vad "
                    "hjälpte dig?",
                    "Tell us about a situation at work where you knew exactly what to do. What helped you?",
                ),
                Text(
                    "Var hittar du information som du kan lita på här?",
                    "Where do you find information you can rely on here?",
                ),
                Text(
                    "När är det lättast att förstå varför vi gör på ett visst sätt?",
                    "When is it easiest to understand why we do things a certain way?",
                ),
                Text(
                    "Vad behöver en ny kollega veta för att snabbt komma in i jobbet?",
                    "What does a new colleague need to know to settle into the job quickly?",
                ),
            ),
            exercise=Text(
                "Skriv var och en ner en sak som en ny kollega borde få veta första veckan. Läs upp "
                "lapparna. Vilka saker kom flera av er fram till? Spara listan till nästa gång någon "
                "börjar.",
                "Each of you writes down one thing a new colleague should be told in their first week. "
                "Read the notes aloud. Which things did several of you come up with? Keep the list for "
                "the next time someone starts.",
            ),
            reflection=Text(
                "Vad tar du med dig från i dag som gör din arbetsdag lite tydligare?",
                "What do you take with you from today that makes your working day a little clearer?",
            ),
        ),
        # Manageability: having the resources to handle what needs doing.
        Theme(
            slug="hanterbarhet",
            title=Text(
                "Hanterbarhet – att klara det som ska göras",
                "Manageability – being able to handle what needs doing",
            ),
            purpose=Text(
                "Vi klarar mer när vi har resurser att ta till: kunskap, tid, verktyg och varandra. Vi "
                "pratar om vad som hjälper oss att klara vardagen.",
                "We can handle more when we have resources to draw on: knowledge, time, tools and each "
                "other. We talk about what helps us manage the everyday.",
            ),
            introduction=Text(
                "Hanterbarhet handlar om att ha det som behövs för att klara uppgiften. Det kan vara egen "
                "kunskap och erfarenhet. Det kan vara en kollega som hjälper till, en bra rutin eller ett "
                "hjälpmedel som fungerar. Ingen klarar allt själv, och det behöver ingen heller. I dag "
                "pratar vi om vilka resurser vi redan har, och hur vi kan använda dem ännu bättre.",
                "Manageability is about having what you need to handle the task. It can be your own "
                "knowledge and experience. It can be a colleague who lends a hand, a good routine or a "
                "piece of equipment that works. Nobody manages everything alone, and nobody has to. "
                "Today we talk about the resources we already have, and how we can make even better use "
                "of them.",
            ),
            questions=(
                Text(
                    "Tänk på en tung dag som ändå gick bra. Vad gjorde att det gick?",
                    "Think of a heavy day that still went well. What made it work?",
                ),
                Text(
                    "Vilka resurser har vi i gruppen som vi kanske glömmer bort?",
                    "What resources do we have in the group that we might forget about?",
                ),
                Text(
                    "Hur ber vi om hjälp här, och hur kan vi göra det lättare att fråga?",
                    "How do we ask for help here, and how can we make it easier to ask?",
                ),
            ),
            exercise=Text(
                "Rita en enkel karta på tavlan med ”vår arbetsdag” i mitten. Skriv runt omkring allt som "
                "hjälper er att klara dagen: personer, rutiner, verktyg och kunskap. Ringa in en resurs "
                "som ni vill använda mer.",
                "Draw a simple map on the board with “our working day” in the middle. Around it, write "
                "everything that helps you get through the day: people, routines, tools and knowledge. "
                "Circle one resource you want to use more.",
            ),
            reflection=Text(
                "Vilken resurs vill du själv använda mer de kommande veckorna?",
                "Which resource do you want to use more yourself in the coming weeks?",
            ),
        ),
        # Meaningfulness: what makes the work worth doing.
        Theme(
            slug="meningsfullhet",
            title=Text(
                "Meningsfullhet – det som gör jobbet värt att göra",
                "Meaningfulness – what makes the work worth doing",
            ),
            purpose=Text(
                "Det vi tycker är viktigt ger oss kraft. Vi pratar om vad i arbetet som betyder något för "
                "oss och för dem vi finns till för.",
                "What we find important gives us strength. We talk about what in our work matters to us "
                "and to the people we are here for.",
            ),
            introduction=Text(
                "Meningsfullhet handlar om att arbetet är värt att engagera sig i. Ofta finns det i små "
                "saker: ett leende från en brukare, en elev som förstår, en kollega som säger tack. När vi "
                "vet varför vi gör det vi gör, orkar vi mer. Det som känns meningsfullt är olika för olika "
                "personer, och det är bra. I dag delar vi med oss av det som gör jobbet viktigt för oss.",
                "Meaningfulness is about the work being worth getting involved in. It is often found in "
                "small things: a smile from someone we support, a pupil who understands, a colleague who "
                "says thank you. When we know why we do what we do, we have more energy. What feels "
                "meaningful differs from person to person, and that is fine. Today we share what makes "
                "the job important to us.",
            ),
            questions=(
                Text(
                    "Berätta om ett ögonblick på jobbet som gjorde dig glad eller stolt.",
                    "Tell us about a moment at work that made you glad or proud.",
                ),
                Text(
                    "Vem gör vårt arbete skillnad för, och hur märks det?",
                    "Who does our work make a difference for, and how does it show?",
                ),
                Text(
                    "Vad i ditt arbete skulle du vilja göra mer av?",
                    "What in your work would you like to do more of?",
                ),
            ),
            exercise=Text(
                "Ta två minuter var för sig och skriv ner tre saker i ert arbete som ni tycker är "
                "viktiga. Dela en av dem med personen bredvid. Finns det något som många i gruppen har "
                "gemensamt?",
                "Take two minutes on your own and write down three things in your work that you find "
                "important. Share one of them with the person next to you. Is there something that many "
                "in the group have in common?",
            ),
            reflection=Text(
                "Vilket ögonblick från i dag vill du minnas en dag när jobbet känns tungt?",
                "Which moment from today do you want to remember on a day when work feels heavy?",
            ),
        ),
        # Recovery: rest and new energy, during the working day and after it.
        Theme(
            slug="aterhamtning",
            title=Text("Återhämtning – att hämta ny kraft", "Recovery – getting your energy back"),
            purpose=Text(
                "Vi behöver pauser för att orka över tid. Vi pratar om vad som ger oss vila och ny energi "
                "under arbetsdagen.",
                "We need breaks to keep going over time. We talk about what gives us rest and new energy "
                "during the working day.",
            ),
            introduction=Text(
                "Återhämtning är inte bara semester och helger. Det är också de korta pauserna under "
                "dagen: en kopp kaffe i lugn och ro, en kort promenad, ett skratt med en kollega. Kropp "
                "och hjärna behöver växla mellan ansträngning och vila. Vi kan hjälpa varandra att få "
                "till pauserna. Ingen behöver berätta mer om sig själv än hen vill.",
                "Recovery is not just holidays and weekends. It is also the short breaks during the day: "
                "a cup of coffee in peace, a short walk, a laugh with a colleague. Body and mind need to "
                "switch between effort and rest. We can help each other make those breaks happen. Nobody "
                "needs to share more about themselves than they want to.",
            ),
            questions=(
                Text(
                    "Vad ger dig en stunds vila under en arbetsdag?",
                    "What gives you a moment of rest during a working day?",
                ),
                Text(
                    "När lyckas vi bäst med att ta våra raster här? Vad gör att det fungerar då?",
                    "When are we best at taking our breaks here? What makes it work then?",
                ),
                Text(
                    "Hur kan vi hjälpa varandra att få en paus när det är mycket att göra?",
                    "How can we help each other get a break when there is a lot to do?",
                ),
            ),
            exercise=Text(
                "Gör en gemensam lista med rubriken ”Små pauser som fungerar hos oss”. Var och en "
                "föreslår en paus som tar högst fem minuter. Välj en paus som alla provar fram till nästa "
                "träff.",
                "Make a shared list headed “Small breaks that work for us”. Each person suggests a break "
                "that takes five minutes at most. Choose one break that everyone tries until the next "
                "meeting.",
            ),
            reflection=Text(
                "Vilken liten paus vill du unna dig den här veckan?",
                "Which small break do you want to allow yourself this week?",
            ),
        ),
        # What works well: paying attention to what already works, so we can do more of it.
        Theme(
            slug="vad-fungerar-bra",
            title=Text("Vad fungerar bra?", "What works well?"),
            purpose=Text(
                "Det vi lägger märke till växer. Vi tar tid att se det som redan fungerar, så att vi kan "
                "göra mer av det.",
                "What we pay attention to grows. We take time to notice what already works, so that we "
                "can do more of it.",
            ),
            introduction=Text(
                "Det är lätt att prata om det som är fel. Problem syns och hörs. Det som fungerar blir "
                "däremot ofta tyst och självklart. Men där finns mycket att lära. Om vi förstår varför "
                "något går bra kan vi göra det igen, och kanske på fler ställen. I dag letar vi efter det "
                "som fungerar hos oss.",
                "It is easy to talk about what is wrong. Problems are seen and heard. What works, on the "
                "other hand, often goes quiet and is taken for granted. But there is a lot to learn "
                "there. If we understand why something goes well, we can do it again, and perhaps in "
                "more places. Today we look for what works here.",
            ),
            questions=(
                Text(
                    "Vad fungerar riktigt bra i vår arbetsgrupp just nu?",
                    "What works really well in our team right now?",
                ),
                Text(
                    "Välj ett exempel. Vad gör vi som gör att det fungerar?",
                    "Pick one example. What do we do that makes it work?",
                ),
                Text(
                    "Var mer skulle vi kunna arbeta på samma sätt?",
                    "Where else could we work in the same way?",
                ),
            ),
            exercise=Text(
                "Gå laget runt. Var och en nämner något som en kollega har gjort den senaste tiden och "
                "som gjorde arbetet lättare. Skriv upp allt på tavlan och läs listan högt när alla har "
                "sagt sitt.",
                "Go round the group. Each person names something a colleague has done recently that made "
                "the work easier. Write it all on the board and read the list aloud when everyone has "
                "spoken.",
            ),
            reflection=Text(
                "Vad vill vi fortsätta göra, precis som vi gör nu?",
                "What do we want to keep doing, exactly as we do it now?",
            ),
        ),
        # How we treat each other: the small everyday acts that shape the climate.
        Theme(
            slug="hur-vi-bemoter-varandra",
            title=Text("Hur vi bemöter varandra", "How we treat each other"),
            purpose=Text(
                "Hur vi är mot varandra påverkar både hur vi mår och hur bra vi gör vårt arbete. Vi pratar "
                "om vad ett gott bemötande är hos oss.",
                "How we are with each other affects both how we feel and how well we do our work. We talk "
                "about what treating each other well looks like here.",
            ),
            introduction=Text(
                "Ett hej i korridoren, ett tack efter ett tufft pass, en fråga om hur det gick. Små saker "
                "gör stor skillnad för stämningen. Hur vi är mot varandra märks också för dem vi möter i "
                "arbetet. Vi är olika, och vi behöver inte vara lika för att bemöta varandra väl. I dag "
                "pratar vi om vad som gör att vi trivs tillsammans.",
                "A hello in the corridor, a thank you after a tough shift, a question about how it went. "
                "Small things make a big difference to the atmosphere. How we are with each other is also "
                "noticed by the people we meet in our work. We are different, and we do not need to be "
                "alike to treat each other well. Today we talk about what makes us enjoy working "
                "together.",
            ),
            questions=(
                Text(
                    "Berätta om en gång när en kollega bemötte dig på ett sätt som gjorde dagen bättre.",
                    "Tell us about a time when a colleague treated you in a way that made your day better.",
                ),
                Text(
                    "Hur märks det att någon är välkommen i vår grupp?",
                    "How does it show that someone is welcome in our group?",
                ),
                Text(
                    "Vad vill vi att en ny kollega eller vikarie ska märka hos oss redan första dagen?",
                    "What do we want a new colleague or a temp to notice about us on their very first day?",
                ),
                Text(
                    "Hur kan vi säga ifrån till varandra på ett vänligt sätt när något blir fel?",
                    "How can we speak up to each other in a kind way when something goes wrong?",
                ),
            ),
            exercise=Text(
                "Skriv tillsammans tre korta meningar som börjar med ”Hos oss …”, till exempel ”Hos oss "
                "hälsar vi på varandra.” Sätt upp meningarna där alla ser dem.",
                "Together, write three short sentences that begin with “Here, we …”, for example “Here, "
                "we greet each other.” Put the sentences up where everyone can see them.",
            ),
            reflection=Text(
                "Vad kan du själv göra i morgon för att en kollega ska få en bra dag?",
                "What can you do tomorrow to help a colleague have a good day?",
            ),
        ),
        # Responsibility: what is ours to shape, and how we share it.
        Theme(
            slug="ansvar",
            title=Text("Ansvar – det vi kan påverka", "Responsibility – what we can influence"),
            purpose=Text(
                "När vi tar ansvar för det vi kan påverka växer både arbetet och vi själva. Vi pratar om "
                "vad som är vårt att forma, och hur vi delar på ansvaret.",
                "When we take responsibility for what we can influence, both the work and we ourselves "
                "grow. We talk about what is ours to shape, and how we share the responsibility.",
            ),
            introduction=Text(
                "Ansvar kan låta tungt. Men ansvar är också frihet: att få bestämma över en del av sitt "
                "arbete och göra det på sitt sätt. Allt kan vi inte påverka, men ofta kan vi påverka mer "
                "än vi tror. En arbetsplats där alla tar ansvar för sin del och hjälper till med helheten "
                "blir en trygg plats. I dag tittar vi på vad som ligger i våra händer.",
                "Responsibility can sound heavy. But responsibility is also freedom: getting to decide "
                "over part of your work and doing it your way. We cannot influence everything, but we "
                "can often influence more than we think. A workplace where everyone takes responsibility "
                "for their part and helps with the whole becomes a safe place. Today we look at what "
                "lies in our hands.",
            ),
            questions=(
                Text(
                    "Vad i ditt arbete bestämmer du själv över, och hur vill du använda det?",
                    "What in your work is yours to decide, and how do you want to use that?",
                ),
                Text(
                    "Berätta om något som blev bättre för att någon här tog ett initiativ.",
                    "Tell us about something that got better because someone here took the initiative.",
                ),
                Text(
                    "Vilken fråga vill vi lösa själva i stället för att vänta på att någon annan gör det?",
                    "Which issue do we want to solve ourselves instead of waiting for someone else to?",
                ),
            ),
            exercise=Text(
                "Rita två cirklar på tavlan, en inuti den andra. I den inre skriver ni sådant ni kan "
                "påverka själva. I den yttre skriver ni sådant ni kan påverka tillsammans med andra, "
                "till exempel chefen. Välj en sak i den inre cirkeln att ta tag i.",
                "Draw two circles on the board, one inside the other. In the inner circle, write things "
                "you can influence yourselves. In the outer circle, write things you can influence "
                "together with others, such as your manager. Choose one thing in the inner circle to "
                "get started on.",
            ),
            reflection=Text(
                "Vilket litet steg tar du själv före nästa träff?",
                "What small step will you take yourself before the next meeting?",
            ),
        ),
        # Change: what helps us through changes, and what we learned from earlier ones.
        Theme(
            slug="forandring",
            title=Text("Förändring – att ta sig an det nya", "Change – taking on something new"),
            purpose=Text(
                "Förändringar kommer, stora som små. Vi pratar om vad som hjälper oss genom dem, och vad "
                "vi har lärt oss av tidigare förändringar.",
                "Changes keep coming, big and small. We talk about what helps us through them, and what "
                "we have learned from earlier changes.",
            ),
            introduction=Text(
                "Nya rutiner, nya kollegor, ny teknik, nya lagar. Förändring hör till arbetslivet. Den "
                "kan väcka både nyfikenhet och oro, ofta samtidigt, och det är helt naturligt. Vi har "
                "alla varit med om förändringar som gick bra, och de erfarenheterna är värda att ta vara "
                "på. I dag pratar vi om vad som hjälper oss när något nytt ska börja.",
                "New routines, new colleagues, new technology, new laws. Change is part of working life. "
                "It can bring both curiosity and worry, often at the same time, and that is completely "
                "natural. We have all been through changes that went well, and those experiences are "
                "worth making use of. Today we talk about what helps us when something new is about to "
                "start.",
            ),
            questions=(
                Text(
                    "Tänk på en förändring på jobbet som blev bra till slut. Vad hjälpte till?",
                    "Think of a change at work that turned out well in the end. What helped?",
                ),
                Text(
                    "Vad behöver du veta, eller få vara med om, för att vilja pröva något nytt?",
                    "What do you need to know, or be part of, to be willing to try something new?",
                ),
                Text(
                    "Vad vill vi behålla, vad som än förändras?",
                    "What do we want to keep, whatever changes?",
                ),
            ),
            exercise=Text(
                "Rita en tidslinje på tavlan med förändringar ni har varit med om på arbetsplatsen. Sätt "
                "en stjärna vid dem som gick bra. Vad hade de gemensamt?",
                "Draw a timeline on the board of changes you have been through at this workplace. Put a "
                "star by the ones that went well. What did they have in common?",
            ),
            reflection=Text(
                "Vilken av dina erfarenheter kan hjälpa gruppen nästa gång något förändras?",
                "Which of your experiences could help the group the next time something changes?",
            ),
        ),
        # Psychological safety: daring to ask, to disagree and to own up to mistakes.
        Theme(
            slug="psykologisk-trygghet",
            title=Text(
                "Psykologisk trygghet – att våga säga det man tänker",
                "Psychological safety – daring to say what you think",
            ),
            purpose=Text(
                "I en trygg grupp vågar vi fråga, tycka olika och säga till när något har blivit fel. Vi "
                "pratar om vad som gör det lättare att höras hos oss.",
                "In a safe group we dare to ask, to disagree and to speak up when something has gone "
                "wrong. We talk about what makes it easier to be heard here.",
            ),
            introduction=Text(
                "Psykologisk trygghet betyder att man kan ställa en fråga, dela en idé eller berätta om "
                "ett misstag utan att bli dömd. Det betyder inte att vi alltid håller med varandra. Det "
                "betyder att vi lyssnar och tar varandra på allvar. I trygga grupper lär vi oss av "
                "varandra och hittar bättre lösningar. Tryggheten byggs i små stunder, varje dag, av alla "
                "i gruppen.",
                "Psychological safety means you can ask a question, share an idea or own up to a mistake "
                "without being judged. It does not mean that we always agree with each other. It means "
                "that we listen and take each other seriously. In safe groups we learn from each other "
                "and find better solutions. Safety is built in small moments, every day, by everyone in "
                "the group.",
            ),
            questions=(
                Text(
                    "När har det varit lätt för dig att säga vad du tycker här? Vad gjorde det lätt?",
                    "When has it been easy for you to say what you think here? What made it easy?",
                ),
                Text(
                    "Hur tar vi emot en ny idé eller en fråga i vår grupp?",
                    "How do we receive a new idea or a question in our group?",
                ),
                Text(
                    "Vad kan vi göra för att alla ska komma till tals på våra möten?",
                    "What can we do so that everyone gets to speak at our meetings?",
                ),
            ),
            exercise=Text(
                "Prova en runda utan avbrott med frågan ”Vad har du lärt dig av en kollega det senaste "
                "året?” Alla svarar i tur och ordning, och ingen kommenterar förrän alla har sagt sitt. "
                "Det går bra att säga ”pass”. Prata sedan om hur det var.",
                "Try a round without interruptions, using the question “What have you learned from a "
                "colleague in the past year?” Everyone answers in turn, and nobody comments until "
                "everyone has spoken. It is fine to say “pass”. Then talk about what it was like.",
            ),
            reflection=Text(
                "Vad gör du själv för att andra ska våga säga vad de tänker?",
                "What do you do yourself to help others dare to say what they think?",
            ),
        ),
        # Looking ahead: gathering what the series gave and choosing the next steps.
        Theme(
            slug="framatblick",
            title=Text("Framåtblick – vart vill vi?", "Looking ahead – where do we want to go?"),
            purpose=Text(
                "Vi avslutar serien med att se framåt. Vi samlar det vi har lärt oss och bestämmer vad vi "
                "vill fortsätta med.",
                "We finish the series by looking ahead. We gather what we have learned and decide what we "
                "want to carry on with.",
            ),
            introduction=Text(
                "Vi har pratat om mycket under de här träffarna: om att förstå, orka och se mening, om "
                "vila, bemötande, ansvar, förändring och trygghet. Nu är det dags att blicka framåt. Hur "
                "vill vi att vår arbetsplats ska vara om ett år? Vi behöver inte göra allt på en gång. Ett "
                "par konkreta steg räcker långt.",
                "We have talked about a lot at these meetings: understanding, coping and finding meaning, "
                "rest, how we treat each other, responsibility, change and safety. Now it is time to look "
                "ahead. What do we want our workplace to be like a year from now? We do not need to do "
                "everything at once. A couple of concrete steps go a long way.",
            ),
            questions=(
                Text(
                    "Vad från de här samtalen har gjort störst skillnad för dig?",
                    "What from these conversations has made the biggest difference to you?",
                ),
                Text(
                    "Tänk dig att ett år har gått och att allt har blivit riktigt bra. Vad är annorlunda?",
                    "Imagine that a year has passed and things have gone really well. What is different?",
                ),
                Text(
                    "Vilket första steg kan vi ta redan nästa månad?",
                    "What first step can we take as soon as next month?",
                ),
            ),
            exercise=Text(
                "Skriv ett vykort till gruppen, daterat om ett år. Beskriv kort hur det är på "
                "arbetsplatsen då. Läs några vykort högt och spara alla, så att ni kan läsa dem igen om "
                "ett år.",
                "Write a postcard to the group, dated a year from now. Briefly describe what the "
                "workplace is like then. Read a few postcards aloud and keep them all, so that you can "
                "read them again in a year.",
            ),
            reflection=Text(
                "Vad lovar vi varandra att hålla fast vid?",
                "What do we promise each other to hold on to?",
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------------------------------
# 2. The three workshops for the whole team.
# ---------------------------------------------------------------------------------------------------

_DEN_GODA_ARBETSPLATSEN = Programme(
    slug="den-goda-arbetsplatsen",
    kind="workshop",
    title=Text("Den goda arbetsplatsen", "The good workplace"),
    description=Text(
        "En workshop för hela arbetsgruppen om vad som gör en arbetsplats bra att vara på. Ni utgår från "
        "egna erfarenheter och slutar med några saker ni vill värna och utveckla. Räkna med ungefär två "
        "timmar. Chefen eller en dialogcoach leder, gärna tillsammans med skyddsombudet.",
        "A workshop for the whole team about what makes a workplace good to be part of. You start from "
        "your own experiences and finish with a few things you want to protect and develop. Allow about "
        "two hours. The manager or a dialog coach leads, ideally together with the safety "
        "representative.",
    ),
    themes=(
        Theme(
            slug="vara-basta-dagar",
            title=Text("Våra bästa arbetsdagar", "Our best working days"),
            purpose=Text(
                "Vi börjar i det som redan är bra. Berättelser om goda dagar visar vad vi behöver mer av.",
                "We start from what is already good. Stories of good days show what we need more of.",
            ),
            introduction=Text(
                "Alla har haft dagar då jobbet bara flöt på. Dagar då vi gick hem trötta men nöjda. De "
                "dagarna säger mycket om vad en god arbetsplats är för oss. I den här delen berättar vi "
                "om sådana dagar för varandra. Lyssna efter det som går igen i berättelserna.",
                "Everyone has had days when the work just flowed. Days when we went home tired but "
                "satisfied. Those days say a lot about what a good workplace means to us. In this part "
                "we tell each other about days like that. Listen for what comes up again and again in "
                "the stories.",
            ),
            questions=(
                Text(
                    "Berätta om en arbetsdag då du gick hem nöjd. Vad hände?",
                    "Tell us about a working day when you went home satisfied. What happened?",
                ),
                Text(
                    "Vem eller vad bidrog till att dagen blev bra?",
                    "Who or what helped make the day a good one?",
                ),
                Text(
                    "Vad går igen i våra berättelser?",
                    "What keeps coming up in our stories?",
                ),
            ),
            exercise=Text(
                "Berätta i par, tre minuter var. Den som lyssnar skriver ner det som gjorde dagen bra, "
                "ett ord per lapp. Sätt upp alla lappar på väggen.",
                "Tell your stories in pairs, three minutes each. The listener writes down what made the "
                "day good, one word per sticky note. Put all the notes up on the wall.",
            ),
            reflection=Text(
                "Vilket ord på väggen säger mest om oss?",
                "Which word on the wall says the most about us?",
            ),
            minutes=20,
        ),
        Theme(
            slug="vara-friskfaktorer",
            title=Text("Det som håller oss friska", "What keeps us healthy"),
            purpose=Text(
                "Vi sätter ord på våra friskfaktorer: det i arbetet som ger kraft och gör att vi trivs.",
                "We put words to our health factors: the things in our work that give us strength and "
                "make us enjoy it.",
            ),
            introduction=Text(
                "Friskfaktorer är det i arbetet som gör att vi mår bra och gör ett bra jobb. Det kan vara "
                "ett tydligt uppdrag, en chef som lyssnar, kollegor som ställer upp eller chansen att lära "
                "sig nytt. Forskning och erfarenhet pekar åt samma håll: delaktighet, tydlighet och goda "
                "relationer betyder mycket. Nu sorterar vi det som kom upp på väggen och ser vilka "
                "friskfaktorer vi redan har.",
                "Health factors are the things in our work that help us feel well and do a good job. "
                "They can be a clear assignment, a manager who listens, colleagues who pitch in or the "
                "chance to learn something new. Research and experience point the same way: "
                "participation, clarity and good relationships matter a great deal. Now we sort what "
                "came up on the wall and see which health factors we already have.",
            ),
            questions=(
                Text(
                    "Vilka friskfaktorer ser vi på väggen?",
                    "Which health factors can we see on the wall?",
                ),
                Text(
                    "Vilken av dem är starkast hos oss i dag?",
                    "Which of them is strongest here today?",
                ),
                Text(
                    "Vilken skulle vi vilja stärka?",
                    "Which one would we like to strengthen?",
                ),
            ),
            exercise=Text(
                "Lägg lapparna i grupper som hör ihop och ge varje grupp en rubrik. Var och en får sedan "
                "tre prickar att sätta på de rubriker som är viktigast för hen.",
                "Sort the notes into groups that belong together and give each group a heading. Each "
                "person then gets three dots to put on the headings that matter most to them.",
            ),
            reflection=Text(
                "Vad säger prickarna om vad vi värdesätter?",
                "What do the dots tell us about what we value?",
            ),
            minutes=40,
        ),
        Theme(
            slug="sa-vill-vi-ha-det",
            title=Text("Så vill vi ha det hos oss", "How we want it to be here"),
            purpose=Text(
                "Vi gör friskfaktorerna konkreta: hur de ser ut i vår vardag, och vad var och en kan "
                "bidra med.",
                "We make the health factors concrete: what they look like in our everyday work, and what "
                "each of us can contribute.",
            ),
            introduction=Text(
                "Nu tar vi de två eller tre rubriker som fick flest prickar. För varje rubrik beskriver vi "
                "hur det ser ut när det fungerar riktigt bra hos oss. Var så konkreta ni kan: vad gör vi, "
                "vad säger vi, vad märks? Det ska synas en helt vanlig arbetsdag.",
                "Now we take the two or three headings that got the most dots. For each heading, we "
                "describe what it looks like when it works really well here. Be as concrete as you can: "
                "what do we do, what do we say, what can people notice? It should be visible on a "
                "perfectly ordinary working day.",
            ),
            questions=(
                Text(
                    "Hur ser det ut en vanlig dag när det här fungerar som bäst?",
                    "What does it look like on an ordinary day when this works at its best?",
                ),
                Text(
                    "Vad kan var och en av oss göra för att det ska bli så?",
                    "What can each of us do to make it happen?",
                ),
                Text(
                    "Vad behöver vi från chefen eller från andra?",
                    "What do we need from our manager or from others?",
                ),
            ),
            exercise=Text(
                "Dela upp er i små grupper, en rubrik per grupp. Skriv tre meningar som börjar med ”Hos "
                "oss …” och presentera dem för de andra.",
                "Split into small groups, one heading per group. Write three sentences that begin with "
                "“Here, we …” and present them to the others.",
            ),
            reflection=Text(
                "Vilken av meningarna vill du själv bidra till redan i morgon?",
                "Which of the sentences do you want to help make true as soon as tomorrow?",
            ),
            minutes=40,
        ),
        Theme(
            slug="varna-och-utveckla",
            title=Text("Att värna och utveckla", "Protecting and developing"),
            purpose=Text(
                "Vi bestämmer vad vi tar med oss och hur vi följer upp det.",
                "We decide what we take with us and how we follow it up.",
            ),
            introduction=Text(
                "Nu har vi en bild av vår goda arbetsplats. En del av den finns redan, och den vill vi "
                "värna. En del vill vi utveckla. Bestäm en eller två saker som ni tar vidare till "
                "hälsoplanen eller nästa APT. Det är bättre att göra lite och följa upp än att planera "
                "mycket.",
                "We now have a picture of our good workplace. Part of it already exists, and we want to "
                "protect that. Part of it we want to develop. Decide on one or two things to take "
                "forward to the health plan or the next workplace meeting. It is better to do a little "
                "and follow it up than to plan a lot.",
            ),
            questions=(
                Text(
                    "Vad vill vi värna, så att det inte försvinner?",
                    "What do we want to protect, so that it does not disappear?",
                ),
                Text(
                    "Vilka en eller två saker vill vi utveckla?",
                    "Which one or two things do we want to develop?",
                ),
                Text(
                    "När och hur följer vi upp det?",
                    "When and how do we follow it up?",
                ),
            ),
            exercise=None,
            reflection=Text(
                "Vad tar du med dig från den här workshopen?",
                "What do you take with you from this workshop?",
            ),
            minutes=20,
        ),
    ),
)

_MIN_ORK_I_VARDAGEN = Programme(
    slug="min-ork-i-vardagen",
    kind="workshop",
    title=Text("Min ork i vardagen", "My energy in everyday life"),
    description=Text(
        "En workshop om vad som ger och tar energi, i arbetet och i vardagen. Var och en tänker först "
        "för sig själv och väljer sedan vad hen vill dela med sig av. Ingen behöver berätta om sin hälsa. "
        "Räkna med ungefär en och en halv timme.",
        "A workshop about what gives and takes energy, at work and in everyday life. Each person first "
        "reflects on their own and then chooses what they want to share. Nobody needs to talk about "
        "their health. Allow about an hour and a half.",
    ),
    themes=(
        Theme(
            slug="det-som-ger-energi",
            title=Text("Det som ger energi", "What gives energy"),
            purpose=Text(
                "Vi börjar med det som fyller på. När vi vet vad som ger oss kraft kan vi göra plats för "
                "mer av det.",
                "We start with what fills us up. When we know what gives us strength, we can make room "
                "for more of it.",
            ),
            introduction=Text(
                "Ork är ingen fast mängd. Den går upp och ner under dagen och under året. Vissa saker "
                "fyller på, andra tar. Det som ger energi är olika för olika personer: för en är det ett "
                "samtal, för en annan en stund i tystnad. I den här delen tittar var och en på sina egna "
                "energikällor, på jobbet och utanför.",
                "Energy is not a fixed amount. It rises and falls during the day and over the year. Some "
                "things fill us up, others drain us. What gives energy differs from person to person: "
                "for one it is a conversation, for another a moment of quiet. In this part, each of us "
                "looks at our own sources of energy, at work and outside it.",
            ),
            questions=(
                Text(
                    "Vad i ditt arbete ger dig energi?",
                    "What in your work gives you energy?",
                ),
                Text(
                    "Vad gör du på fritiden som fyller på?",
                    "What do you do in your free time that fills you up?",
                ),
                Text(
                    "När under arbetsdagen har du mest energi?",
                    "When during the working day do you have the most energy?",
                ),
            ),
            exercise=Text(
                "Rita ett batteri på ett papper. Skriv vid pluspolen det som laddar dig och vid "
                "minuspolen det som tar energi. Papperet är ditt, och du väljer själv vad du delar.",
                "Draw a battery on a sheet of paper. By the plus end, write what charges you, and by the "
                "minus end what drains you. The paper is yours, and you choose what you share.",
            ),
            reflection=Text(
                "Vilken energikälla har du glömt bort och vill ta fram igen?",
                "Which source of energy have you forgotten and want to bring back?",
            ),
            minutes=30,
        ),
        Theme(
            slug="anstrangning-och-vila",
            title=Text("Balans mellan ansträngning och vila", "Balancing effort and rest"),
            purpose=Text(
                "Vi pratar om hur vi får till återhämtning i en vardag som ofta är full.",
                "We talk about how we make room for recovery in an everyday life that is often full.",
            ),
            introduction=Text(
                "Det är inte ansträngningen i sig som sliter. Det som sliter är ansträngning utan "
                "tillräcklig vila. Korta pauser under dagen gör stor nytta, liksom att kunna släppa jobbet "
                "när man går hem. Här delar vi med oss av knep som fungerar. Vi kan lära oss mycket av "
                "varandras vanor.",
                "It is not effort itself that wears us down. What wears us down is effort without enough "
                "rest. Short breaks during the day do a lot of good, and so does being able to let go of "
                "work when you go home. Here we share tricks that work. We can learn a lot from each "
                "other's habits.",
            ),
            questions=(
                Text(
                    "Hur gör du för att lämna jobbet på jobbet?",
                    "How do you leave work at work?",
                ),
                Text(
                    "Vilken paus under arbetsdagen gör mest nytta för dig?",
                    "Which break during the working day does you the most good?",
                ),
                Text(
                    "Hur kan vi i gruppen göra det lättare för varandra att vila?",
                    "How can we as a group make it easier for each other to rest?",
                ),
            ),
            exercise=Text(
                "Gå laget runt och dela ett knep för återhämtning som fungerar för dig. Skriv alla knep "
                "på en gemensam lista som ni sätter upp i personalrummet.",
                "Go round the group and share one recovery trick that works for you. Write all the "
                "tricks on a shared list and put it up in the staff room.",
            ),
            reflection=Text(
                "Vilket knep från listan vill du prova?",
                "Which trick from the list do you want to try?",
            ),
            minutes=30,
        ),
        Theme(
            slug="sma-steg",
            title=Text("Små steg som håller", "Small steps that last"),
            purpose=Text(
                "Vi gör om det vi har pratat om till ett par små och konkreta steg, för var och en och "
                "för gruppen.",
                "We turn what we have talked about into a couple of small, concrete steps, for each "
                "person and for the group.",
            ),
            introduction=Text(
                "Stora föresatser är lätta att glömma. Små steg är lättare att ta, och de kan ge mycket "
                "över tid. Ett bra steg är så litet att du vet att du klarar det. Det är också tydligt: du "
                "vet när och var du ska ta det. Nu väljer var och en ett eget steg, och gruppen väljer "
                "ett gemensamt.",
                "Big resolutions are easy to forget. Small steps are easier to take, and they can add up "
                "to a lot over time. A good step is so small that you know you can manage it. It is also "
                "clear: you know when and where you will take it. Now each person chooses a step of "
                "their own, and the group chooses one together.",
            ),
            questions=(
                Text(
                    "Vilket litet steg vill du ta för din egen ork de närmaste veckorna?",
                    "What small step do you want to take for your own energy in the next few weeks?",
                ),
                Text(
                    "Vad kan vi göra tillsammans på arbetsplatsen?",
                    "What can we do together at the workplace?",
                ),
                Text(
                    "Hur påminner vi varandra?",
                    "How do we remind each other?",
                ),
            ),
            exercise=Text(
                "Skriv ditt eget steg på en lapp och ta med den hem. Skriv gruppens steg på tavlan och "
                "bestäm när ni ska prata om hur det gick.",
                "Write your own step on a note and take it home. Write the group's step on the board and "
                "decide when you will talk about how it went.",
            ),
            reflection=Text(
                "Vad har du lärt dig om din egen ork i dag?",
                "What have you learned about your own energy today?",
            ),
            minutes=30,
        ),
    ),
)

_VERKSAMHET_SOM_LYCKAS = Programme(
    slug="verksamhet-som-lyckas",
    kind="workshop",
    title=Text("Verksamhet som lyckas", "A service that succeeds"),
    description=Text(
        "En workshop om uppdraget: vem vi är till för, vad vi lyckas med och hur vi kan bli ännu bättre. "
        "Gruppen utgår från sina egna framgångar och väljer ett område att utveckla. Räkna med ungefär "
        "en och en halv timme.",
        "A workshop about our mission: who we are here for, what we succeed at and how we can get even "
        "better. The group starts from its own successes and chooses one area to develop. Allow about "
        "an hour and a half.",
    ),
    themes=(
        Theme(
            slug="vart-uppdrag",
            title=Text("Vårt uppdrag", "Our mission"),
            purpose=Text(
                "Vi sätter ord på varför vi finns och vem vi är till för. Det gemensamma uppdraget är "
                "grunden för allt annat.",
                "We put into words why we exist and who we are here for. The shared mission is the "
                "foundation for everything else.",
            ),
            introduction=Text(
                "Varje verksamhet finns till för någon: äldre som vill bo kvar hemma, barn som ska lära "
                "sig, familjer som behöver stöd. Uppdraget står i lagar och beslut. Men hur vi förstår "
                "det i vardagen formas av oss. När alla i gruppen har samma bild av uppdraget blir det "
                "lättare att prioritera och att hjälpas åt.",
                "Every service exists for someone: older people who want to stay in their own homes, "
                "children who are there to learn, families who need support. The mission is set out in "
                "laws and decisions. But how we understand it in everyday work is shaped by us. When "
                "everyone in the group shares the same picture of the mission, it is easier to "
                "prioritise and to help each other.",
            ),
            questions=(
                Text(
                    "Vem är vi till för, och vad är viktigast för dem?",
                    "Who are we here for, and what matters most to them?",
                ),
                Text(
                    "Hur skulle du beskriva vårt uppdrag med en enda mening?",
                    "How would you describe our mission in a single sentence?",
                ),
                Text(
                    "När märks det tydligast att vi gör skillnad?",
                    "When is it clearest that we make a difference?",
                ),
            ),
            exercise=Text(
                "Skriv var och en uppdraget med en mening. Jämför meningarna och skriv sedan tillsammans "
                "en mening som alla kan stå bakom.",
                "Each of you writes the mission in one sentence. Compare the sentences, then write one "
                "together that everyone can stand behind.",
            ),
            reflection=Text(
                "Vad i vår gemensamma mening gör dig stolt?",
                "What in our shared sentence makes you proud?",
            ),
            minutes=25,
        ),
        Theme(
            slug="det-vi-lyckas-med",
            title=Text("Det vi lyckas med", "What we succeed at"),
            purpose=Text(
                "Vi lär av våra framgångar. När vi förstår varför något lyckades kan vi göra om det.",
                "We learn from our successes. When we understand why something succeeded, we can do it "
                "again.",
            ),
            introduction=Text(
                "I varje verksamhet finns framgångar som ingen pratar om. En brukare som fick tillbaka "
                "lusten att gå ut. En elev som äntligen vågade läsa högt. En svår situation som löstes i "
                "lugn och ro. I den här delen letar vi efter sådana berättelser. Vi frågar inte bara vad "
                "som hände, utan vad vi gjorde som gjorde det möjligt.",
                "Every service has successes that nobody talks about. Someone we support who regained "
                "the wish to go outdoors. A pupil who finally dared to read aloud. A difficult "
                "situation that was resolved calmly. In this part we look for stories like these. We ask "
                "not only what happened, but what we did that made it possible.",
            ),
            questions=(
                Text(
                    "Berätta om något vi har lyckats med den senaste tiden.",
                    "Tell us about something we have succeeded at recently.",
                ),
                Text(
                    "Vad gjorde vi som bidrog till att det gick bra?",
                    "What did we do that helped it go well?",
                ),
                Text(
                    "Vilka styrkor i gruppen syns i berättelserna?",
                    "Which strengths in the group show in the stories?",
                ),
            ),
            exercise=Text(
                "Intervjua varandra i par om en framgång, fem minuter var. Fråga: Vad hände? Vad gjorde "
                "du? Vem hjälpte till? Skriv upp de styrkor ni hör och samla dem på väggen.",
                "Interview each other in pairs about a success, five minutes each. Ask: What happened? "
                "What did you do? Who helped? Write down the strengths you hear and gather them on the "
                "wall.",
            ),
            reflection=Text(
                "Vilken av gruppens styrkor vill vi använda mer?",
                "Which of the group's strengths do we want to use more?",
            ),
            minutes=35,
        ),
        Theme(
            slug="nasta-steg",
            title=Text("Nästa steg för verksamheten", "The next step for our service"),
            purpose=Text(
                "Vi väljer ett område där vi vill bli ännu bättre och planerar det första steget.",
                "We choose one area where we want to get even better and plan the first step.",
            ),
            introduction=Text(
                "Med uppdraget och våra styrkor framför oss är det lättare att se vad vi vill utveckla. "
                "Välj ett område som är viktigt för dem vi finns till för och som vi själva kan påverka. "
                "Bestäm vad som ska göras, hur, varför, vem som gör det, när det sker och hur ni följer "
                "upp. Ett litet steg som blir av är värt mer än en stor plan som aldrig blir av.",
                "With our mission and our strengths in front of us, it is easier to see what we want to "
                "develop. Choose an area that matters to the people we are here for and that we can "
                "influence ourselves. Decide what will be done, how, why, who does it, when it happens "
                "and how you follow it up. A small step that gets taken is worth more than a big plan "
                "that never happens.",
            ),
            questions=(
                Text(
                    "Var skulle en förbättring göra störst skillnad för dem vi finns till för?",
                    "Where would an improvement make the biggest difference to the people we are here for?",
                ),
                Text(
                    "Vilken av våra styrkor kan hjälpa oss där?",
                    "Which of our strengths can help us there?",
                ),
                Text(
                    "Hur märker vi att vi har lyckats?",
                    "How will we notice that we have succeeded?",
                ),
            ),
            exercise=Text(
                "Fyll i tillsammans: vad, hur, varför, vem, när och uppföljning. Skriv det på ett stort "
                "papper och ta med det till nästa APT.",
                "Fill in together: what, how, why, who, when and follow-up. Write it on a large sheet of "
                "paper and bring it to the next workplace meeting.",
            ),
            reflection=Text(
                "Vad blir ditt eget bidrag till nästa steg?",
                "What will your own contribution to the next step be?",
            ),
            minutes=35,
        ),
    ),
)


# ---------------------------------------------------------------------------------------------------
# 3. Check-in and check-out: short rounds to open and close any meeting. New questions go last.
# ---------------------------------------------------------------------------------------------------

CHECK_IN: tuple[Text, ...] = (
    Text("Vad har gått bra för dig sedan vi sågs sist?", "What has gone well for you since we last met?"),
    Text("Beskriv din dag hittills med ett ord.", "Describe your day so far in one word."),
    Text("Vad fick dig att le senast på jobbet?", "What was the last thing that made you smile at work?"),
    Text("Vilken liten seger har du haft i dag?", "What small win have you had today?"),
    Text("Vad behöver du från det här mötet?", "What do you need from this meeting?"),
    Text(
        "Vilket väder passar bäst in på din arbetsvecka just nu?",
        "What kind of weather best describes your working week right now?",
    ),
    Text(
        "Vad har du gjort den här veckan som du är nöjd med?",
        "What have you done this week that you are pleased with?",
    ),
    Text("Vem har hjälpt dig den här veckan?", "Who has helped you this week?"),
    Text("Vad nytt har du lärt dig den senaste tiden?", "What new thing have you learned lately?"),
    Text(
        "Vad vill du lägga åt sidan för att kunna vara här nu?",
        "What do you want to set aside so that you can be fully here now?",
    ),
    Text("Vilken färg har din dag haft hittills?", "What colour has your day been so far?"),
    Text("Vad är du nyfiken på i dag?", "What are you curious about today?"),
    Text(
        "Vilken låt skulle kunna vara ledmotivet till din vecka?",
        "Which song could be the theme tune of your week?",
    ),
    Text(
        "Vad fungerade bra på ditt senaste arbetspass?",
        "What went well on your last shift?",
    ),
    Text("Vad ser du fram emot i dag?", "What are you looking forward to today?"),
)

CHECK_OUT: tuple[Text, ...] = (
    Text("Vad tar du med dig från det här mötet?", "What do you take with you from this meeting?"),
    Text("Beskriv mötet med ett ord.", "Describe the meeting in one word."),
    Text("Vad blev tydligare för dig i dag?", "What became clearer to you today?"),
    Text(
        "Vad är det första du gör med det vi har kommit fram till?",
        "What is the first thing you will do with what we have agreed?",
    ),
    Text("Vad vill du tacka någon här för?", "What would you like to thank someone here for?"),
    Text("Vad blev du glad av under mötet?", "What made you glad during the meeting?"),
    Text(
        "Vilken tanke från någon annan vill du fundera vidare på?",
        "Which thought from someone else do you want to think more about?",
    ),
    Text(
        "Hur mycket energi har du nu jämfört med när vi började?",
        "How much energy do you have now compared with when we started?",
    ),
    Text(
        "Vad var det mest användbara vi pratade om i dag?",
        "What was the most useful thing we talked about today?",
    ),
    Text(
        "Vad vill du att vi pratar mer om nästa gång?",
        "What would you like us to talk more about next time?",
    ),
    Text(
        "Vilket litet steg tar du innan vi ses igen?",
        "What small step will you take before we meet again?",
    ),
    Text("Vad lärde du dig om en kollega i dag?", "What did you learn about a colleague today?"),
    Text(
        "Vad var bra med hur vi pratade med varandra i dag?",
        "What was good about the way we talked to each other today?",
    ),
    Text(
        "Vilken mening från i dag vill du komma ihåg?", "Which sentence from today do you want to remember?"
    ),
    Text(
        "Vad ser du fram emot under resten av dagen?",
        "What are you looking forward to in the rest of the day?",
    ),
)

_INCHECKNING_UTCHECKNING = Programme(
    slug="incheckning-utcheckning",
    kind="check_in_out",
    title=Text("Incheckning och utcheckning", "Check-in and check-out"),
    description=Text(
        "Korta frågor att börja och avsluta ett möte med. Vid incheckningen svarar alla kort på samma "
        "fråga, så att alla har sagt något och är på plats. Vid utcheckningen säger var och en något om "
        "vad hen tar med sig. Det är alltid tillåtet att säga ”pass”.",
        "Short questions to open and close a meeting with. At the check-in, everyone briefly answers the "
        "same question, so that everyone has spoken and is present. At the check-out, each person says "
        "something about what they take with them. Saying “pass” is always allowed.",
    ),
    themes=(
        Theme(
            slug="incheckning",
            title=Text("Incheckning", "Check-in"),
            purpose=Text(
                "Alla säger något tidigt i mötet. Då blir det lättare att delta resten av tiden.",
                "Everyone says something early in the meeting. That makes it easier to take part for "
                "the rest of it.",
            ),
            introduction=Text(
                "Vi börjar med en kort runda. Alla svarar på samma fråga med en eller ett par meningar. Vi "
                "kommenterar inte svaren, vi bara lyssnar. Det går bra att säga ”pass”.",
                "We start with a short round. Everyone answers the same question in a sentence or two. We "
                "do not comment on the answers, we just listen. It is fine to say “pass”.",
            ),
            questions=(CHECK_IN[0], CHECK_IN[1], CHECK_IN[4]),
            exercise=None,
            reflection=Text(
                "Vad hörde vi i rundan som vi vill ta med oss in i mötet?",
                "What did we hear in the round that we want to bring into the meeting?",
            ),
            minutes=5,
        ),
        Theme(
            slug="utcheckning",
            title=Text("Utcheckning", "Check-out"),
            purpose=Text(
                "Mötet slutar med att alla får säga något. Vi ser vad som stannar kvar och vad vi tar med "
                "oss.",
                "The meeting ends with everyone getting to say something. We see what stays with us and "
                "what we take with us.",
            ),
            introduction=Text(
                "Innan vi går gör vi en kort runda. Alla svarar kort på samma fråga. Ingen behöver "
                "förklara sitt svar. Den som leder mötet svarar sist.",
                "Before we leave, we do a short round. Everyone gives a short answer to the same "
                "question. Nobody needs to explain their answer. The person leading the meeting answers "
                "last.",
            ),
            questions=(CHECK_OUT[0], CHECK_OUT[1], CHECK_OUT[10]),
            exercise=None,
            reflection=Text(
                "Vad tar vi med oss till nästa möte?",
                "What do we bring with us to the next meeting?",
            ),
            minutes=5,
        ),
    ),
    cards=(*CHECK_IN, *CHECK_OUT),
)


# ---------------------------------------------------------------------------------------------------
# 4. Conversation cards for the coffee break: light, varied, never about private health.
#    New cards go last.
# ---------------------------------------------------------------------------------------------------

_CARDS: tuple[Text, ...] = (
    # The work itself
    Text(
        "Vad är det bästa med ditt jobb som få utanför arbetsplatsen känner till?",
        "What is the best thing about your job that few people outside the workplace know about?",
    ),
    Text("Vilken arbetsuppgift gör du allra helst?", "Which task do you most like doing?"),
    Text(
        "Vilket är ditt bästa tips till någon som är ny här?", "What is your best tip for someone new here?"
    ),
    Text(
        "Vilket hjälpmedel eller verktyg skulle du inte vilja vara utan?",
        "Which aid or tool would you not want to be without?",
    ),
    Text("Vad fick dig att välja det här yrket?", "What made you choose this line of work?"),
    Text("Vad gör en arbetsdag riktigt bra för dig?", "What makes a working day really good for you?"),
    Text(
        "Vilken rutin här skulle du vilja göra ännu smidigare?",
        "Which routine here would you like to make even smoother?",
    ),
    Text("Vilken del av arbetsdagen tycker du bäst om?", "Which part of the working day do you like best?"),
    # Joy
    Text(
        "Vad har fått dig att skratta på jobbet den senaste tiden?",
        "What has made you laugh at work lately?",
    ),
    Text(
        "Berätta om ett fint möte med en brukare, en elev eller en anhörig.",
        "Tell us about a lovely encounter with someone we support, a pupil or a relative.",
    ),
    Text("Vad gör dig glad när du kommer till jobbet?", "What makes you glad when you arrive at work?"),
    Text(
        "Vilken är den roligaste överraskningen du har varit med om på jobbet?",
        "What is the best surprise you have had at work?",
    ),
    Text(
        "När tänkte du senast ”vad bra att jag jobbar här”?",
        "When did you last think “I'm glad I work here”?",
    ),
    # Recovery and breaks
    Text("Hur ser din perfekta fikapaus ut?", "What does your perfect coffee break look like?"),
    Text("Vad gör du gärna på väg hem från jobbet?", "What do you like to do on your way home from work?"),
    Text(
        "Hur varvar du ner efter ett intensivt arbetspass?",
        "How do you wind down after an intense shift?",
    ),
    Text(
        "Vilken plats på eller nära jobbet är bäst för en kort paus?",
        "Which place at or near work is best for a short break?",
    ),
    Text(
        "Vad ser du fram emot till helgen eller på din nästa lediga dag?",
        "What are you looking forward to at the weekend or on your next day off?",
    ),
    Text(
        "Vilken bok, podd eller serie skulle du tipsa en kollega om?",
        "Which book, podcast or series would you recommend to a colleague?",
    ),
    # Colleagues
    Text("Vad har du lärt dig av en kollega här?", "What have you learned from a colleague here?"),
    Text(
        "Vem här skulle du vilja tacka för något, och varför?",
        "Who here would you like to thank for something, and why?",
    ),
    Text("Vad är vår arbetsgrupp extra bra på?", "What is our team especially good at?"),
    Text(
        "Vilken egenskap hos en kollega uppskattar du mest?",
        "Which quality in a colleague do you value most?",
    ),
    Text(
        "Hur gör vi för att en ny kollega ska trivas snabbt?",
        "How do we help a new colleague feel at home quickly?",
    ),
    Text("Vad är en bra kollega för dig?", "What makes a good colleague, in your view?"),
    Text(
        "Om vår arbetsgrupp var ett idrottslag, vilken sport skulle vi spela?",
        "If our team were a sports team, which sport would we play?",
    ),
    # Learning
    Text(
        "Vad har du lärt dig på jobbet det senaste året?", "What have you learned at work in the past year?"
    ),
    Text("Vad skulle du vilja bli ännu bättre på?", "What would you like to get even better at?"),
    Text(
        "Vilken kunskap har du som fler här skulle ha nytta av?",
        "What knowledge do you have that more people here would benefit from?",
    ),
    Text("Vilket misstag har du lärt dig mycket av?", "Which mistake have you learned a lot from?"),
    Text(
        "Vem har varit en förebild för dig i arbetslivet?",
        "Who has been a role model for you in your working life?",
    ),
    Text(
        "Vilket är det bästa rådet du har fått på jobbet?",
        "What is the best piece of advice you have been given at work?",
    ),
    # Pride
    Text("Vad är du stolt över i ditt arbete?", "What are you proud of in your work?"),
    Text(
        "Vad har vi åstadkommit tillsammans som vi kan vara stolta över?",
        "What have we achieved together that we can be proud of?",
    ),
    Text(
        "När var du senast riktigt nöjd med något du gjorde på jobbet?",
        "When were you last really pleased with something you did at work?",
    ),
    Text(
        "Vad skulle du vilja att fler visste om vårt arbete?",
        "What would you like more people to know about our work?",
    ),
    Text(
        "Vilket är det finaste beröm du har fått av någon vi är till för?",
        "What is the nicest praise you have had from someone we are here for?",
    ),
    # Small wins
    Text("Vilken liten seger har du haft den här veckan?", "What small win have you had this week?"),
    Text("Vad gick lättare i dag än du hade trott?", "What went more easily today than you expected?"),
    Text(
        "Vad har blivit bättre här det senaste halvåret?",
        "What has got better here in the past six months?",
    ),
    Text(
        "Vilken liten sak gör stor skillnad i ditt arbete?",
        "Which small thing makes a big difference in your work?",
    ),
    Text("Vad löste vi smidigt tillsammans nyligen?", "What did we solve smoothly together recently?"),
    # Just for fun
    Text(
        "Om du fick en extra timme på jobbet utan några måsten, vad skulle du göra med den?",
        "If you had an extra hour at work with nothing you had to do, what would you do with it?",
    ),
    Text(
        "Vilket är det godaste fikat någon har bjudit på här?",
        "What is the tastiest treat anyone has brought in here?",
    ),
    Text(
        "Vilken superkraft skulle vara mest användbar i ditt jobb?",
        "Which superpower would be most useful in your job?",
    ),
    Text("Vad skulle en film om vår arbetsplats heta?", "What would a film about our workplace be called?"),
    Text("Vilken tradition på jobbet tycker du mest om?", "Which tradition at work do you like best?"),
    Text(
        "Vad skulle du vilja att vi hittade på tillsammans som arbetsgrupp?",
        "What would you like us to do together as a team?",
    ),
    Text(
        "Vilket var ditt första jobb, och vad lärde du dig där?",
        "What was your first job, and what did you learn there?",
    ),
)

_SAMTALSKORT = Programme(
    slug="samtalskort",
    kind="card_deck",
    title=Text("Samtalskort för fikarummet", "Conversation cards for the break room"),
    description=Text(
        "Lätta frågor att dra när ni fikar tillsammans. Dra ett kort, läs frågan högt och låt den som vill "
        "svara. Frågorna handlar om jobbet, kollegorna och sådant som ger glädje. Ingen måste svara, och "
        "inget kort frågar om hälsa eller privatliv.",
        "Light questions to draw when you have a coffee break together. Draw a card, read the question "
        "aloud and let whoever wants to answer. The questions are about work, colleagues and things that "
        "bring joy. Nobody has to answer, and no card asks about health or private life.",
    ),
    cards=_CARDS,
)


# ---------------------------------------------------------------------------------------------------
# 5. Trio groups: three colleagues, 45 minutes, one dilemma, roles that rotate.
# ---------------------------------------------------------------------------------------------------

_TRIOGRUPPER = Programme(
    slug="triogrupper",
    kind="trio",
    title=Text("Triogrupper", "Trio groups"),
    description=Text(
        "Tre kollegor träffas på avsatt tid, ungefär 45 minuter. En person tar upp ett dilemma från "
        "arbetet, och de andra två lyssnar och hjälper till att hitta vägar framåt. Nästa gång är det "
        "någon annans tur. Det som sägs i trion stannar i trion.",
        "Three colleagues meet at a set time, for about 45 minutes. One person brings a dilemma from work, "
        "and the other two listen and help find ways forward. Next time it is someone else's turn. What "
        "is said in the trio stays in the trio.",
    ),
    themes=(
        Theme(
            slug="att-komma-igang",
            title=Text("Att komma igång", "Getting started"),
            purpose=Text(
                "Trion landar, fördelar rollerna och påminner sig om ramarna.",
                "The trio settles in, shares out the roles and recalls the ground rules.",
            ),
            introduction=Text(
                "Börja med en kort incheckning. Bestäm sedan vem som tar upp ett dilemma den här gången. "
                "De andra två lyssnar, och en av dem håller tiden. Påminn varandra om ramarna: vi lyssnar "
                "först, vi ger inga pekpinnar och det som sägs stannar här.",
                "Start with a short check-in. Then decide who brings a dilemma this time. The other two "
                "listen, and one of them keeps time. Remind each other of the ground rules: we listen "
                "first, we do not lecture, and what is said stays here.",
            ),
            questions=(
                Text(
                    "Vad har gått bra sedan vi träffades sist?",
                    "What has gone well since we last met?",
                ),
                Text(
                    "Hur gick det med det som togs upp förra gången?",
                    "How did it go with what was brought up last time?",
                ),
                Text(
                    "Vem tar upp ett dilemma i dag, och vem håller tiden?",
                    "Who brings a dilemma today, and who keeps time?",
                ),
            ),
            exercise=None,
            reflection=Text(
                "Vad behöver vi för att det här ska bli en bra stund?",
                "What do we need for this to be a good session?",
            ),
            minutes=5,
        ),
        Theme(
            slug="dilemmat",
            title=Text("Dilemmat", "The dilemma"),
            purpose=Text(
                "Den som har dilemmat berättar, och de andra lyssnar för att förstå.",
                "The person with the dilemma tells their story, and the others listen to understand.",
            ),
            introduction=Text(
                "Den som tar upp dilemmat berättar i ungefär fem minuter utan att bli avbruten. Det kan "
                "vara en svår situation med en brukare, ett samarbete som skaver eller ett val man står "
                "inför. De som lyssnar är tysta och lyssnar efter det som är viktigt för berättaren. "
                "Sedan ställer de öppna frågor för att förstå bättre. Inga råd ännu.",
                "The person bringing the dilemma talks for about five minutes without being interrupted. "
                "It might be a difficult situation with someone we support, a working relationship that "
                "chafes, or a choice they are facing. The listeners stay quiet and listen for what matters "
                "to the speaker. Then they ask open questions to understand better. No advice yet.",
            ),
            questions=(
                Text(
                    "Vad är det svåraste i situationen för dig?",
                    "What is the hardest part of the situation for you?",
                ),
                Text(
                    "Vad har du redan provat, och vad fungerade åtminstone lite?",
                    "What have you already tried, and what worked at least a little?",
                ),
                Text(
                    "Hur skulle det se ut om det blev lite bättre?",
                    "What would it look like if it got a little better?",
                ),
            ),
            exercise=Text(
                "Medan berättaren pratar skriver lyssnarna ner det som verkar viktigt för hen. Läs upp det "
                "kort när berättelsen är klar, så att berättaren får höra sina egna ord.",
                "While the speaker talks, the listeners note down what seems to matter to the speaker. "
                "Read it back briefly when the story is finished, so that the speaker hears their own words.",
            ),
            reflection=Text(
                "Stämmer vår bild av dilemmat med din?",
                "Does our picture of the dilemma match yours?",
            ),
            minutes=15,
        ),
        Theme(
            slug="stodet",
            title=Text("Stödet", "The support"),
            purpose=Text(
                "De som lyssnat delar tankar och idéer, och berättaren väljer själv vad hen tar med sig.",
                "The listeners share thoughts and ideas, and the speaker chooses what to take with them.",
            ),
            introduction=Text(
                "Nu delar lyssnarna tankar, egna erfarenheter och idéer. Säg dem som förslag, inte som "
                "sanningar: ”Jag undrar om …” eller ”En gång när jag …”. Lyft gärna de styrkor ni hörde i "
                "berättelsen. Berättaren lyssnar och behöver inte svara på allt. Det är berättaren som "
                "äger sitt dilemma och sin lösning.",
                "Now the listeners share thoughts, their own experiences and ideas. Offer them as "
                "suggestions, not truths: “I wonder if …” or “Once, when I …”. Do mention the strengths "
                "you heard in the story. The speaker listens and does not need to respond to everything. "
                "The speaker owns both the dilemma and the solution.",
            ),
            questions=(
                Text(
                    "Vilka styrkor hörde ni i berättelsen?",
                    "What strengths did you hear in the story?",
                ),
                Text(
                    "Vad har hjälpt er i liknande situationer?",
                    "What has helped you in similar situations?",
                ),
                Text(
                    "Vilket litet steg skulle vara möjligt redan i morgon?",
                    "What small step would be possible as soon as tomorrow?",
                ),
            ),
            exercise=None,
            reflection=Text(
                "Vilken av idéerna du har hört vill du pröva?",
                "Which of the ideas you have heard do you want to try?",
            ),
            minutes=15,
        ),
        Theme(
            slug="avslutning",
            title=Text("Avslutning", "Closing"),
            purpose=Text(
                "Trion knyter ihop samtalet och bestämmer när de ses nästa gång.",
                "The trio wraps up the conversation and agrees when to meet next.",
            ),
            introduction=Text(
                "Berättaren säger vilket steg hen tar med sig. De som lyssnat berättar kort vad de själva "
                "lärde sig av samtalet. Bestäm när ni ses nästa gång och vem som tar upp ett dilemma då, "
                "så att rollerna skiftar. Tacka varandra för stunden.",
                "The speaker says which step they are taking with them. The listeners briefly say what "
                "they themselves learned from the conversation. Decide when you will meet next and who "
                "will bring a dilemma then, so that the roles rotate. Thank each other for the time "
                "together.",
            ),
            questions=(
                Text(
                    "Vilket steg tar du med dig?",
                    "Which step are you taking with you?",
                ),
                Text(
                    "Vad lärde ni er i dag, ni som lyssnade?",
                    "What did those of you who listened learn today?",
                ),
                Text(
                    "När ses vi nästa gång, och vems tur är det då?",
                    "When do we meet next, and whose turn is it then?",
                ),
            ),
            exercise=None,
            reflection=Text(
                "Hur var det att vara i trion i dag?",
                "What was it like to be in the trio today?",
            ),
            minutes=10,
        ),
    ),
)


# ---------------------------------------------------------------------------------------------------
# The library. New programmes go last, with a new slug.
# ---------------------------------------------------------------------------------------------------

PROGRAMMES: tuple[Programme, ...] = (
    _KASAM_PA_APT,
    _DEN_GODA_ARBETSPLATSEN,
    _MIN_ORK_I_VARDAGEN,
    _VERKSAMHET_SOM_LYCKAS,
    _INCHECKNING_UTCHECKNING,
    _SAMTALSKORT,
    _TRIOGRUPPER,
)

_BY_SLUG: dict[str, Programme] = {p.slug: p for p in PROGRAMMES}
if len(_BY_SLUG) != len(PROGRAMMES):  # pragma: no cover - guards edits of the library itself
    raise RuntimeError("duplicate programme slug in the dialog library")
if {p.kind for p in PROGRAMMES} - set(KINDS):  # pragma: no cover
    raise RuntimeError("a programme in the dialog library has an unknown kind")


def programme(slug: str) -> Programme:
    """The programme with this slug; KeyError if unknown."""
    return _BY_SLUG[slug]
