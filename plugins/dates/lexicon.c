/*
 * lexicon.c - the word list of the dates plugin and its hash table.
 */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

static const struct lx_entry entries[] = {
	{"january", LX_MONTH, 0, 1},
	{"february", LX_MONTH, 0, 2},
	{"march", LX_MONTH, LXF_AMBIG, 3},
	{"april", LX_MONTH, 0, 4},
	{"may", LX_MONTH, LXF_AMBIG, 5},
	{"june", LX_MONTH, 0, 6},
	{"july", LX_MONTH, 0, 7},
	{"august", LX_MONTH, 0, 8},
	{"september", LX_MONTH, 0, 9},
	{"october", LX_MONTH, 0, 10},
	{"november", LX_MONTH, 0, 11},
	{"december", LX_MONTH, 0, 12},
	{"jan", LX_MONTH, LXF_ABBR, 1},
	{"feb", LX_MONTH, LXF_ABBR, 2},
	{"mar", LX_MONTH, LXF_ABBR, 3},
	{"apr", LX_MONTH, LXF_ABBR, 4},
	{"jun", LX_MONTH, LXF_ABBR, 6},
	{"jul", LX_MONTH, LXF_ABBR, 7},
	{"aug", LX_MONTH, LXF_ABBR, 8},
	{"sep", LX_MONTH, LXF_ABBR, 9},
	{"sept", LX_MONTH, LXF_ABBR, 9},
	{"oct", LX_MONTH, LXF_ABBR, 10},
	{"nov", LX_MONTH, LXF_ABBR, 11},
	{"dec", LX_MONTH, LXF_ABBR, 12},
	{"monday", LX_WDAY, 0, 1},
	{"tuesday", LX_WDAY, 0, 2},
	{"wednesday", LX_WDAY, 0, 3},
	{"thursday", LX_WDAY, 0, 4},
	{"friday", LX_WDAY, 0, 5},
	{"saturday", LX_WDAY, 0, 6},
	{"sunday", LX_WDAY, 0, 7},
	{"mondays", LX_WDAY, LXF_PLURAL, 1},
	{"tuesdays", LX_WDAY, LXF_PLURAL, 2},
	{"wednesdays", LX_WDAY, LXF_PLURAL, 3},
	{"thursdays", LX_WDAY, LXF_PLURAL, 4},
	{"fridays", LX_WDAY, LXF_PLURAL, 5},
	{"saturdays", LX_WDAY, LXF_PLURAL, 6},
	{"sundays", LX_WDAY, LXF_PLURAL, 7},
	{"mon", LX_WDAY, LXF_ABBR, 1},
	{"tue", LX_WDAY, LXF_ABBR, 2},
	{"tues", LX_WDAY, LXF_ABBR, 2},
	{"wed", LX_WDAY, LXF_ABBR, 3},
	{"thu", LX_WDAY, LXF_ABBR, 4},
	{"thur", LX_WDAY, LXF_ABBR, 4},
	{"thurs", LX_WDAY, LXF_ABBR, 4},
	{"fri", LX_WDAY, LXF_ABBR, 5},
	{"sat", LX_WDAY, LXF_ABBR, 6},
	{"sun", LX_WDAY, LXF_ABBR, 7},
	{"zero", LX_NUMW, 0, 0},
	{"one", LX_NUMW, 0, 1},
	{"two", LX_NUMW, 0, 2},
	{"three", LX_NUMW, 0, 3},
	{"four", LX_NUMW, 0, 4},
	{"five", LX_NUMW, 0, 5},
	{"six", LX_NUMW, 0, 6},
	{"seven", LX_NUMW, 0, 7},
	{"eight", LX_NUMW, 0, 8},
	{"nine", LX_NUMW, 0, 9},
	{"ten", LX_NUMW, 0, 10},
	{"eleven", LX_NUMW, 0, 11},
	{"twelve", LX_NUMW, 0, 12},
	{"thirteen", LX_NUMW, 0, 13},
	{"fourteen", LX_NUMW, 0, 14},
	{"fifteen", LX_NUMW, 0, 15},
	{"sixteen", LX_NUMW, 0, 16},
	{"seventeen", LX_NUMW, 0, 17},
	{"eighteen", LX_NUMW, 0, 18},
	{"nineteen", LX_NUMW, 0, 19},
	{"twenty", LX_NUMW, 0, 20},
	{"thirty", LX_NUMW, 0, 30},
	{"forty", LX_NUMW, 0, 40},
	{"fourty", LX_NUMW, 0, 40},
	{"fifty", LX_NUMW, 0, 50},
	{"sixty", LX_NUMW, 0, 60},
	{"seventy", LX_NUMW, 0, 70},
	{"eighty", LX_NUMW, 0, 80},
	{"ninety", LX_NUMW, 0, 90},
	{"first", LX_ORDW, 0, 1},
	{"second", LX_ORDW, 0, 2},
	{"third", LX_ORDW, 0, 3},
	{"fourth", LX_ORDW, 0, 4},
	{"fifth", LX_ORDW, 0, 5},
	{"sixth", LX_ORDW, 0, 6},
	{"seventh", LX_ORDW, 0, 7},
	{"eighth", LX_ORDW, 0, 8},
	{"ninth", LX_ORDW, 0, 9},
	{"tenth", LX_ORDW, 0, 10},
	{"eleventh", LX_ORDW, 0, 11},
	{"twelfth", LX_ORDW, 0, 12},
	{"thirteenth", LX_ORDW, 0, 13},
	{"fourteenth", LX_ORDW, 0, 14},
	{"fifteenth", LX_ORDW, 0, 15},
	{"sixteenth", LX_ORDW, 0, 16},
	{"seventeenth", LX_ORDW, 0, 17},
	{"eighteenth", LX_ORDW, 0, 18},
	{"nineteenth", LX_ORDW, 0, 19},
	{"twentieth", LX_ORDW, 0, 20},
	{"thirtieth", LX_ORDW, 0, 30},
	{"sec", LX_UNIT, 0, U_SECOND},
	{"minute", LX_UNIT, 0, U_MINUTE},
	{"min", LX_UNIT, 0, U_MINUTE},
	{"hour", LX_UNIT, 0, U_HOUR},
	{"hr", LX_UNIT, 0, U_HOUR},
	{"day", LX_UNIT, 0, U_DAY},
	{"weekend", LX_UNIT, 0, U_WEEKEND},
	{"week", LX_UNIT, 0, U_WEEK},
	{"fortnight", LX_UNIT, 0, U_FORTNIGHT},
	{"month", LX_UNIT, 0, U_MONTH},
	{"quarter", LX_UNIT, 0, U_QUARTER},
	{"year", LX_UNIT, 0, U_YEAR},
	{"yr", LX_UNIT, 0, U_YEAR},
	{"decade", LX_UNIT, 0, U_DECADE},
	{"century", LX_UNIT, 0, U_CENTURY},
	{"millennium", LX_UNIT, 0, U_MILLENNIUM},
	{"seconds", LX_UNIT, LXF_PLURAL, U_SECOND},
	{"secs", LX_UNIT, LXF_PLURAL, U_SECOND},
	{"minutes", LX_UNIT, LXF_PLURAL, U_MINUTE},
	{"mins", LX_UNIT, LXF_PLURAL, U_MINUTE},
	{"hours", LX_UNIT, LXF_PLURAL, U_HOUR},
	{"hrs", LX_UNIT, LXF_PLURAL, U_HOUR},
	{"days", LX_UNIT, LXF_PLURAL, U_DAY},
	{"weekends", LX_UNIT, LXF_PLURAL, U_WEEKEND},
	{"weeks", LX_UNIT, LXF_PLURAL, U_WEEK},
	{"fortnights", LX_UNIT, LXF_PLURAL, U_FORTNIGHT},
	{"months", LX_UNIT, LXF_PLURAL, U_MONTH},
	{"quarters", LX_UNIT, LXF_PLURAL, U_QUARTER},
	{"years", LX_UNIT, LXF_PLURAL, U_YEAR},
	{"yrs", LX_UNIT, LXF_PLURAL, U_YEAR},
	{"decades", LX_UNIT, LXF_PLURAL, U_DECADE},
	{"centuries", LX_UNIT, LXF_PLURAL, U_CENTURY},
	{"millennia", LX_UNIT, LXF_PLURAL, U_MILLENNIUM},
	{"spring", LX_SEASON, 0, S_SPRING},
	{"summer", LX_SEASON, 0, S_SUMMER},
	{"fall", LX_SEASON, 0, S_FALL},
	{"autumn", LX_SEASON, 0, S_FALL},
	{"winter", LX_SEASON, 0, S_WINTER},
	{"morning", LX_TOD, 0, T_MORNING},
	{"afternoon", LX_TOD, 0, T_AFTERNOON},
	{"evening", LX_TOD, 0, T_EVENING},
	{"night", LX_TOD, 0, T_NIGHT},
	{"tonight", LX_TOD, 0, T_TONIGHT},
	{"noon", LX_TOD, 0, T_NOON},
	{"midnight", LX_TOD, 0, T_MIDNIGHT},
	{"midday", LX_TOD, 0, T_MIDDAY},
	{"mornings", LX_TOD, LXF_PLURAL, T_MORNING},
	{"afternoons", LX_TOD, LXF_PLURAL, T_AFTERNOON},
	{"evenings", LX_TOD, LXF_PLURAL, T_EVENING},
	{"nights", LX_TOD, LXF_PLURAL, T_NIGHT},
	{"est", LX_TZ, 0, 0},
	{"edt", LX_TZ, 0, 0},
	{"cst", LX_TZ, 0, 0},
	{"cdt", LX_TZ, 0, 0},
	{"mst", LX_TZ, 0, 0},
	{"mdt", LX_TZ, 0, 0},
	{"pst", LX_TZ, 0, 0},
	{"pdt", LX_TZ, 0, 0},
	{"gmt", LX_TZ, 0, 0},
	{"utc", LX_TZ, 0, 0},
	{"bst", LX_TZ, 0, 0},
	{"cet", LX_TZ, 0, 0},
	{"cest", LX_TZ, 0, 0},
	{"jst", LX_TZ, 0, 0},
	{"christmas", LX_HOLIDAY, 0, H_CHRISTMAS},
	{"thanksgiving", LX_HOLIDAY, 0, H_THANKSGIVING},
	{"easter", LX_HOLIDAY, 0, H_EASTER},
	{"halloween", LX_HOLIDAY, 0, H_HALLOWEEN},
	{"last", LX_FN, 0, F_LAST},
	{"next", LX_FN, 0, F_NEXT},
	{"this", LX_FN, 0, F_THIS},
	{"past", LX_FN, 0, F_PAST},
	{"coming", LX_FN, 0, F_COMING},
	{"previous", LX_FN, 0, F_PREVIOUS},
	{"prior", LX_FN, 0, F_PREVIOUS},
	{"following", LX_FN, 0, F_FOLLOWING},
	{"ago", LX_FN, 0, F_AGO},
	{"earlier", LX_FN, 0, F_EARLIER},
	{"later", LX_FN, 0, F_LATER},
	{"before", LX_FN, 0, F_BEFORE},
	{"after", LX_FN, 0, F_AFTER},
	{"hence", LX_FN, 0, F_HENCE},
	{"the", LX_FN, 0, F_THE},
	{"a", LX_FN, 0, F_A},
	{"an", LX_FN, 0, F_AN},
	{"of", LX_FN, 0, F_OF},
	{"in", LX_FN, 0, F_IN},
	{"on", LX_FN, 0, F_ON},
	{"at", LX_FN, 0, F_AT},
	{"by", LX_FN, 0, F_BY},
	{"since", LX_FN, 0, F_SINCE},
	{"until", LX_FN, 0, F_UNTIL},
	{"till", LX_FN, 0, F_UNTIL},
	{"through", LX_FN, 0, F_THROUGH},
	{"from", LX_FN, 0, F_FROM},
	{"to", LX_FN, 0, F_TO},
	{"for", LX_FN, 0, F_FOR},
	{"during", LX_FN, 0, F_DURING},
	{"within", LX_FN, 0, F_WITHIN},
	{"over", LX_FN, 0, F_OVER},
	{"under", LX_FN, 0, F_UNDER},
	{"every", LX_FN, 0, F_EVERY},
	{"each", LX_FN, 0, F_EACH},
	{"per", LX_FN, 0, F_PER},
	{"early", LX_FN, 0, F_EARLY},
	{"late", LX_FN, 0, F_LATE},
	{"mid", LX_FN, 0, F_MID},
	{"middle", LX_FN, 0, F_MIDDLE},
	{"end", LX_FN, 0, F_END},
	{"beginning", LX_FN, 0, F_BEGINNING},
	{"start", LX_FN, 0, F_START},
	{"close", LX_FN, 0, F_CLOSE},
	{"about", LX_FN, 0, F_ABOUT},
	{"around", LX_FN, 0, F_AROUND},
	{"nearly", LX_FN, 0, F_NEARLY},
	{"almost", LX_FN, 0, F_ALMOST},
	{"more", LX_FN, 0, F_MORE},
	{"less", LX_FN, 0, F_LESS},
	{"fewer", LX_FN, 0, F_LESS},
	{"than", LX_FN, 0, F_THAN},
	{"least", LX_FN, 0, F_LEAST},
	{"up", LX_FN, 0, F_UP},
	{"some", LX_FN, 0, F_SOME},
	{"roughly", LX_FN, 0, F_ROUGHLY},
	{"approximately", LX_FN, 0, F_APPROXIMATELY},
	{"several", LX_FN, 0, F_SEVERAL},
	{"few", LX_FN, 0, F_FEW},
	{"many", LX_FN, 0, F_MANY},
	{"couple", LX_FN, 0, F_COUPLE},
	{"now", LX_FN, 0, F_NOW},
	{"today", LX_FN, 0, F_TODAY},
	{"yesterday", LX_FN, 0, F_YESTERDAY},
	{"tomorrow", LX_FN, 0, F_TOMORROW},
	{"currently", LX_FN, 0, F_CURRENTLY},
	{"current", LX_FN, 0, F_CURRENT},
	{"recently", LX_FN, 0, F_RECENTLY},
	{"recent", LX_FN, 0, F_RECENT},
	{"future", LX_FN, 0, F_FUTURE},
	{"soon", LX_FN, 0, F_SOON},
	{"previously", LX_FN, 0, F_PREVIOUSLY},
	{"latest", LX_FN, 0, F_LATEST},
	{"same", LX_FN, 0, F_SAME},
	{"that", LX_FN, 0, F_THAT},
	{"fiscal", LX_FN, 0, F_FISCAL},
	{"will", LX_FN, 0, F_WILL},
	{"would", LX_FN, 0, F_WOULD},
	{"ll", LX_FN, 0, F_LL},
	{"shall", LX_FN, 0, F_SHALL},
	{"going", LX_FN, 0, F_GOING},
	{"expected", LX_FN, 0, F_EXPECTED},
	{"expects", LX_FN, 0, F_EXPECTED},
	{"expect", LX_FN, 0, F_EXPECTED},
	{"scheduled", LX_FN, 0, F_SCHEDULED},
	{"plans", LX_FN, 0, F_PLANS},
	{"plan", LX_FN, 0, F_PLANS},
	{"planned", LX_FN, 0, F_PLANNED},
	{"planning", LX_FN, 0, F_PLANNED},
	{"due", LX_FN, 0, F_DUE},
	{"am", LX_FN, 0, F_AM},
	{"pm", LX_FN, 0, F_PM},
	{"daily", LX_FN, 0, F_DAILY},
	{"weekly", LX_FN, 0, F_WEEKLY},
	{"monthly", LX_FN, 0, F_MONTHLY},
	{"annually", LX_FN, 0, F_ANNUALLY},
	
	{"yearly", LX_FN, 0, F_YEARLY},
	{"quarterly", LX_FN, 0, F_QUARTERLY},
	{"hourly", LX_FN, 0, F_HOURLY},
	{"nightly", LX_FN, 0, F_NIGHTLY},
	{"twice", LX_FN, 0, F_TWICE},
	{"times", LX_FN, 0, F_TIMES},
	{"once", LX_FN, 0, F_ONCE},
	{"and", LX_FN, 0, F_AND},
	{"or", LX_FN, 0, F_OR},
	{"long", LX_FN, 0, F_LONG},
	{"old", LX_FN, 0, F_OLD},
	{"former", LX_FN, 0, F_FORMER},
	{"already", LX_FN, 0, F_ALREADY},
	{"section", LX_FN, 0, F_SECTION},
	{"fleet", LX_FN, 0, F_FLEET},
	{"army", LX_FN, 0, F_ARMY},
	{"chapter", LX_FN, 0, F_CHAPTER},
	{"article", LX_FN, 0, F_ARTICLE},
	{"route", LX_FN, 0, F_ROUTE},
	{"mr", LX_FN, 0, F_MR},
	{"mrs", LX_FN, 0, F_MR},
	{"ms", LX_FN, 0, F_MR},
	{"dr", LX_FN, 0, F_MR},
	{"period", LX_FN, 0, F_PERIOD},
	{"time", LX_FN, 0, F_TIME},
	{"said", LX_FN, 0, F_SAID},
	{"says", LX_FN, 0, F_SAID},
	{"told", LX_FN, 0, F_SAID},
	{"was", LX_FN, 0, F_WAS},
	{"were", LX_FN, 0, F_WERE},
	{"had", LX_FN, 0, F_HAD},
	{"is", LX_FN, 0, F_IS},
	{"are", LX_FN, 0, F_ARE},
	{"has", LX_FN, 0, F_HAS},
	{"near", LX_FN, 0, F_NEAR},
	{"exactly", LX_FN, 0, F_EXACTLY},
	{"just", LX_FN, 0, F_JUST},
	{"overnight", LX_FN, 0, F_OVERNIGHT},
	{"moment", LX_FN, 0, F_MOMENT},
	{"ended", LX_FN, 0, F_ENDED},
	{"ending", LX_FN, 0, F_ENDING},
	{"when", LX_FN, 0, F_WHEN},
	{"then", LX_FN, 0, F_THEN},
	{"half", LX_FN, 0, F_HALF},
	{"dozen", LX_FN, 0, F_DOZEN},
	{"hundred", LX_FN, 0, F_HUNDRED},
	{"thousand", LX_FN, 0, F_THOUSAND},
	{"lately", LX_FN, 0, F_LATELY},
	{"presently", LX_FN, 0, F_PRESENTLY},
	{"nowadays", LX_FN, 0, F_NOWADAYS},
	{"entire", LX_FN, 0, F_ENTIRE},
	{"whole", LX_FN, 0, F_WHOLE},
	{"full", LX_FN, 0, F_FULL},
	{"calendar", LX_FN, 0, F_CALENDAR},
	{"span", LX_FN, 0, F_SPAN},
	{"happy", LX_FN, 0, F_HAPPY},
	{"upcoming", LX_FN, 0, F_COMING},
	{"ahead", LX_FN, 0, F_HENCE},
	{"final", LX_FN, 0, F_LAST},
	{"initial", LX_FN, 0, F_EARLY},
	{"another", LX_FN, 0, F_MORE},
	{"additional", LX_FN, 0, F_MORE},
	{"estimated", LX_FN, 0, F_ABOUT},
	{"throughout", LX_FN, 0, F_THROUGH},
	{"between", LX_FN, 0, F_FROM},
	{"into", LX_FN, 0, F_IN},
	{"beyond", LX_FN, 0, F_AFTER},
	{"nearby", LX_FN, 0, F_NEAR},
	{"midst", LX_FN, 0, F_MIDDLE},
	{"take", LX_FN, 0, F_TAKE},
	{"takes", LX_FN, 0, F_TAKE},
	{"took", LX_FN, 0, F_TAKE},
	{"well", LX_FN, 0, F_WELL},
	{"set", LX_FN, 0, F_SET},
	{"did", LX_FN, 0, F_PASTV},
	{"began", LX_FN, 0, F_PASTV},
	{"came", LX_FN, 0, F_PASTV},
	{"went", LX_FN, 0, F_PASTV},
	{"made", LX_FN, 0, F_PASTV},
	{"met", LX_FN, 0, F_PASTV},
	{"left", LX_FN, 0, F_PASTV},
	{"gave", LX_FN, 0, F_PASTV},
	{"rose", LX_FN, 0, F_PASTV},
	{"fell", LX_FN, 0, F_PASTV},
	{"won", LX_FN, 0, F_PASTV},
	{"lost", LX_FN, 0, F_PASTV},
	{"held", LX_FN, 0, F_PASTV},
	{"sent", LX_FN, 0, F_PASTV},
	{"got", LX_FN, 0, F_PASTV},
	{"saw", LX_FN, 0, F_PASTV},
	{"became", LX_FN, 0, F_PASTV},
	{"paid", LX_FN, 0, F_PASTV},
	{"sold", LX_FN, 0, F_PASTV},
	{"bought", LX_FN, 0, F_PASTV},
	{"spoke", LX_FN, 0, F_PASTV},
	{"wrote", LX_FN, 0, F_PASTV},
	{"fought", LX_FN, 0, F_PASTV},
	{"ran", LX_FN, 0, F_PASTV},
	{"chose", LX_FN, 0, F_PASTV},
	{"knew", LX_FN, 0, F_PASTV},
	{"thought", LX_FN, 0, F_PASTV},
	{"brought", LX_FN, 0, F_PASTV},
	{"no", LX_NONE, LXF_LABEL, 0},
	{"number", LX_NONE, LXF_LABEL, 0},
	{"flight", LX_NONE, LXF_LABEL, 0},
	{"room", LX_NONE, LXF_LABEL, 0},
	{"page", LX_NONE, LXF_LABEL, 0},
	{"rule", LX_NONE, LXF_LABEL, 0},
	{"resolution", LX_NONE, LXF_LABEL, 0},
	{"item", LX_NONE, LXF_LABEL, 0},
	{"model", LX_NONE, LXF_LABEL, 0},
	{"version", LX_NONE, LXF_LABEL, 0},
	{"bill", LX_NONE, LXF_LABEL, 0},
	{"code", LX_NONE, LXF_LABEL, 0},
	{"box", LX_NONE, LXF_LABEL, 0},
	{"suite", LX_NONE, LXF_LABEL, 0},
	{"apt", LX_NONE, LXF_LABEL, 0},
	{"unit", LX_NONE, LXF_LABEL, 0},
	{"highway", LX_NONE, LXF_LABEL, 0},
	{"interstate", LX_NONE, LXF_LABEL, 0},
	{"channel", LX_NONE, LXF_LABEL, 0},
	{"gate", LX_NONE, LXF_LABEL, 0},
	{"platform", LX_NONE, LXF_LABEL, 0},
	{"track", LX_NONE, LXF_LABEL, 0},
	{"paragraph", LX_NONE, LXF_LABEL, 0},
	{"clause", LX_NONE, LXF_LABEL, 0},
	{"amendment", LX_NONE, LXF_LABEL, 0},
	{"law", LX_NONE, LXF_LABEL, 0},
	{"decree", LX_NONE, LXF_LABEL, 0},
	{"act", LX_NONE, LXF_LABEL, 0},
	{"order", LX_NONE, LXF_LABEL, 0},
	{"resolutions", LX_NONE, LXF_LABEL, 0},
	{"articles", LX_NONE, LXF_LABEL, 0},
	{"sections", LX_NONE, LXF_LABEL, 0},
	{"pp", LX_NONE, LXF_LABEL, 0},
	{"p", LX_NONE, LXF_LABEL, 0},
	{"vol", LX_NONE, LXF_LABEL, 0},
	{"volume", LX_NONE, LXF_LABEL, 0},
	{"issue", LX_NONE, LXF_LABEL, 0},
	{"tel", LX_NONE, LXF_LABEL, 0},
	{"phone", LX_NONE, LXF_LABEL, 0},
	{"fax", LX_NONE, LXF_LABEL, 0},
	{"ext", LX_NONE, LXF_LABEL, 0},
	{"extension", LX_NONE, LXF_LABEL, 0},
	{"percent", LX_NONE, LXF_QTY, 0},
	{"pct", LX_NONE, LXF_QTY, 0},
	{"troops", LX_NONE, LXF_QTY, 0},
	{"people", LX_NONE, LXF_QTY, 0},
	{"soldiers", LX_NONE, LXF_QTY, 0},
	{"dollars", LX_NONE, LXF_QTY, 0},
	{"dlrs", LX_NONE, LXF_QTY, 0},
	{"shares", LX_NONE, LXF_QTY, 0},
	{"tons", LX_NONE, LXF_QTY, 0},
	{"tonnes", LX_NONE, LXF_QTY, 0},
	{"barrels", LX_NONE, LXF_QTY, 0},
	{"mln", LX_NONE, LXF_QTY, 0},
	{"billion", LX_NONE, LXF_QTY, 0},
	{"million", LX_NONE, LXF_QTY, 0},
	{"members", LX_NONE, LXF_QTY, 0},
	{"workers", LX_NONE, LXF_QTY, 0},
	{"employees", LX_NONE, LXF_QTY, 0},
	{"jobs", LX_NONE, LXF_QTY, 0},
	{"units", LX_NONE, LXF_QTY, 0},
	{"cars", LX_NONE, LXF_QTY, 0},
	{"homes", LX_NONE, LXF_QTY, 0},
	{"points", LX_NONE, LXF_QTY, 0},
	{"feet", LX_NONE, LXF_QTY, 0},
	{"meters", LX_NONE, LXF_QTY, 0},
	{"metres", LX_NONE, LXF_QTY, 0},
	{"miles", LX_NONE, LXF_QTY, 0},
	{"km", LX_NONE, LXF_QTY, 0},
	{"kilometers", LX_NONE, LXF_QTY, 0},
	{"acres", LX_NONE, LXF_QTY, 0},
	{"pounds", LX_NONE, LXF_QTY, 0},
	{"kg", LX_NONE, LXF_QTY, 0},
	{"yen", LX_NONE, LXF_QTY, 0},
	{"marks", LX_NONE, LXF_QTY, 0},
	{"francs", LX_NONE, LXF_QTY, 0},
	{"euros", LX_NONE, LXF_QTY, 0},
	{"students", LX_NONE, LXF_QTY, 0},
	{"residents", LX_NONE, LXF_QTY, 0},
	{"votes", LX_NONE, LXF_QTY, 0},
	{"seats", LX_NONE, LXF_QTY, 0},
	{"cases", LX_NONE, LXF_QTY, 0},
	{"deaths", LX_NONE, LXF_QTY, 0},
	{"victims", LX_NONE, LXF_QTY, 0},
	{"police", LX_NONE, LXF_QTY, 0},
	{"officers", LX_NONE, LXF_QTY, 0},
	{"men", LX_NONE, LXF_QTY, 0},
	{"women", LX_NONE, LXF_QTY, 0},
	{"children", LX_NONE, LXF_QTY, 0},
	{"families", LX_NONE, LXF_QTY, 0},
	{"copies", LX_NONE, LXF_QTY, 0},
	{"vehicles", LX_NONE, LXF_QTY, 0},
	{"rounds", LX_NONE, LXF_QTY, 0},
	{"against", LX_FN, 0, F_AGAINST},
	{"q", LX_NONE, 0, 0},
	{"new", LX_NONE, 0, 0},
	{"these", LX_NONE, 0, 0},
	{"valentine", LX_NONE, 0, 0},
	{"right", LX_NONE, 0, 0},
	{"sometime", LX_NONE, 0, 0},
	{NULL, 0, 0, 0},
};

static size_t hash(const char *w, size_t len)
{
	size_t h = LX_HASH_INIT;
	for (size_t i = 0; i < len; i++)
		h = lx_hash_step(h, (unsigned char)w[i]);
	return h;
}

size_t lx_count(const struct lx_table *t)
{
	size_t n = 0;
	while (t->entries[n].word)
		n++;
	return n;
}

int lx_table_init(struct lx_table *t)
{
	size_t n = 0;
	while (entries[n].word)
		n++;
	size_t cap = 64;
	while (cap < 4 * n)
		cap *= 2;
	t->slots = calloc(cap, sizeof *t->slots);
	if (!t->slots)
		return -1;
	t->mask = cap - 1;
	t->len_mask = 0;
	memset(t->pair_len, 0, sizeof t->pair_len);
	/* (a lexicon this large could not be spread over the short
	 * table's slots one word per slot anyway) */
	if (n >= LX_SHORT_SLOTS / 2) {
		free(t->slots);
		t->slots = NULL;
		return -1;
	}
	/* at most one short word per entry, and shorts[0] for none */
	t->short_idx = calloc(LX_SHORT_SLOTS, sizeof *t->short_idx);
	t->shorts = calloc(n + 1, sizeof *t->shorts);
	t->longs = calloc(LX_LONG_SLOTS, sizeof *t->longs);
	size_t nshort = 1;
	if (!t->short_idx || !t->shorts || !t->longs) {
		lx_table_free(t);
		return -1;
	}
	t->entries = entries;
	size_t nlong = 0;
	for (size_t i = 0; i < n; i++) {
		const char *w = entries[i].word;
		size_t len = strlen(w);
		t->len_mask |= 1u << len;
		if (w[0] >= 'a' && w[0] <= 'z') {
			int j = len == 1 ? 26 : (w[1] >= 'a' && w[1] <= 'z') ? w[1] - 'a' : -1;
			if (j >= 0)
				t->pair_len[w[0] - 'a'][j] |= (uint16_t)(1u << len);
		}
		size_t h = hash(entries[i].word, len) & t->mask;
		while (t->slots[h])
			h = (h + 1) & t->mask;
		t->slots[h] = (uint16_t)(i + 1);
		if (len <= 8) {
			uint64_t key = 0;
			for (size_t k = 0; k < len; k++)
				key |= (uint64_t)(unsigned char)w[k] << (8 * k);
			size_t sh = lx_short_slot(key);
			uint16_t k = t->short_idx[sh];
			if (k && t->shorts[k].key != key) {
				/* two words in one slot: lx_short_probe()
				 * reads one slot only (see LX_SHORT_MUL) */
				lx_table_free(t);
				return -1;
			}
			if (!k) {  /* the first entry of a word wins */
				t->short_idx[sh] = (uint16_t)nshort;
				t->shorts[nshort].key = key;
				t->shorts[nshort].bits = lx_entry_bits(t, &entries[i]);
				nshort++;
			}
		} else if (len <= LX_MAX_WORD && ++nlong < LX_LONG_SLOTS / 2) {
			uint64_t k0 = 0, k1 = 0;
			for (size_t k = 0; k < 8; k++)
				k0 |= (uint64_t)(unsigned char)w[k] << (8 * k);
			for (size_t k = 8; k < len; k++)
				k1 |= (uint64_t)(unsigned char)w[k] << (8 * (k - 8));
			size_t lh = lx_long_slot(k0, k1);
			/* (fewer words than slots: an empty slot is found) */
			while (t->longs[lh].bits &&
			       (t->longs[lh].k0 != k0 || t->longs[lh].k1 != k1))
				lh = (lh + 1) & (LX_LONG_SLOTS - 1);
			if (!t->longs[lh].bits) {  /* the first entry of a word wins */
				t->longs[lh].k0 = k0;
				t->longs[lh].k1 = k1;
				t->longs[lh].bits = lx_entry_bits(t, &entries[i]);
			}
		} else {
			/* LX_MAX_WORD too small, or LX_LONG_BITS */
			lx_table_free(t);
			return -1;
		}
	}
	return 0;
}

void lx_mark_starts(struct lx_table *t, const uint16_t *word_rules)
{
	for (size_t h = 0; h < LX_SHORT_SLOTS; h++) {
		uint16_t k = t->short_idx[h];
		uint64_t b = t->shorts[k].bits;
		if (k && word_rules[(uint16_t)(b >> 16) - 1])
			t->shorts[k].bits = b | LX_START_BIT;
	}
	for (size_t h = 0; h < LX_LONG_SLOTS; h++) {
		uint64_t b = t->longs[h].bits;
		if (b && word_rules[(uint16_t)(b >> 16) - 1])
			t->longs[h].bits = b | LX_START_BIT;
	}
}

void lx_table_free(struct lx_table *t)
{
	free(t->slots);
	free(t->short_idx);
	free(t->shorts);
	free(t->longs);
	t->slots = NULL;
	t->short_idx = NULL;
	t->shorts = NULL;
	t->longs = NULL;
}

const struct lx_entry *lx_lookup_folded(const struct lx_table *t,
                                        const char *w, size_t len, size_t h)
{
	h &= t->mask;
	while (t->slots[h]) {
		const struct lx_entry *e = &t->entries[t->slots[h] - 1];
		size_t k = 0;
		/* entries are lower case; a shorter entry stops at its NUL */
		while (k < len && (char)(w[k] | 32) == e->word[k])
			k++;
		if (k == len && e->word[len] == '\0')
			return e;
		h = (h + 1) & t->mask;
	}
	return NULL;
}

const struct lx_entry *lx_lookup(const struct lx_table *t, const char *w,
                                 size_t len)
{
	size_t h = hash(w, len) & t->mask;
	while (t->slots[h]) {
		const struct lx_entry *e = &t->entries[t->slots[h] - 1];
		/* strncmp stops at the end of a shorter entry */
		if (e->word[0] == w[0] && strncmp(e->word, w, len) == 0 &&
		    e->word[len] == '\0')
			return e;
		h = (h + 1) & t->mask;
	}
	return NULL;
}
