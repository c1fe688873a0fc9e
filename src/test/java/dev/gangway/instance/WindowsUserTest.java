package dev.gangway.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The administrator account of AWS's Windows AMIs, by the language in their names. */
class WindowsUserTest {

    @Test
    void localisedAmisUseTheirLanguagesAccountName() {
        assertThat(WindowsUser.forImage("Windows_Server-2022-French-Full-Base-2024.12.13")).isEqualTo("Administrateur");
        assertThat(WindowsUser.forImage("Windows_Server-2019-Spanish-Full-Base-2024.11.13")).isEqualTo("Administrador");
        assertThat(WindowsUser.forImage("Windows_Server-2022-Portuguese_Brazil-Full-Base-2024.12.13")).isEqualTo("Administrador");
        assertThat(WindowsUser.forImage("Windows_Server-2016-Portuguese_Portugal-Full-Base-2024.10.09")).isEqualTo("Administrador");
        assertThat(WindowsUser.forImage("Windows_Server-2022-Swedish-Full-Base-2024.12.13")).isEqualTo("Administratör");
        assertThat(WindowsUser.forImage("Windows_Server-2022-Hungarian-Full-Base-2024.12.13")).isEqualTo("Rendszergazda");
        assertThat(WindowsUser.forImage("Windows_Server-2022-Czech-Full-Base-2024.12.13")).isEqualTo("Administrátor");
        assertThat(WindowsUser.forImage("Windows_Server-2022-Russian-Full-Base-2024.12.13")).isEqualTo("Администратор");
    }

    @Test
    void englishOtherLanguagesAndUnknownImagesUseAdministrator() {
        assertThat(WindowsUser.forImage("Windows_Server-2022-English-Full-Base-2024.12.13")).isEqualTo("Administrator");
        assertThat(WindowsUser.forImage("Windows_Server-2022-German-Full-Base-2024.12.13")).isEqualTo("Administrator");
        assertThat(WindowsUser.forImage("Windows_Server-2022-Japanese-Full-Base-2024.12.13")).isEqualTo("Administrator");
        assertThat(WindowsUser.forImage("Windows_Server-2019-Chinese_Simplified-Full-Base-2024.12.13")).isEqualTo("Administrator");
        assertThat(WindowsUser.forImage("acme-windows-golden-7")).isEqualTo("Administrator");
        assertThat(WindowsUser.forImage(null)).isEqualTo("Administrator");
        // A word inside another word is not a language.
        assertThat(WindowsUser.forImage("frenchfries-server")).isEqualTo("Administrator");
    }
}
